package dev.timbre.classification.model;

import dev.timbre.model.InvalidModelException;
import dev.timbre.model.ModelDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelLocatorTest {

    @Test
    void copiesTheBundledModelToARealDirectoryAndReadsItsCard() {
        Path dir = ModelLocator.locate("");
        try {
            assertTrue(Files.isRegularFile(dir.resolve("saved_model.pb")));
            assertTrue(Files.isDirectory(dir.resolve("variables")));
            ModelDescriptor model = ModelDescriptor.read(dir);
            assertEquals("librosa-compat-1", model.extractorVersion());
            assertEquals(10, model.genres().size());
            assertEquals("jazz", model.genres().get(5));
            assertEquals("logmel", model.inputName(), "the shipped model reads the log-mel");
            assertEquals(java.util.List.of(130, 128, 1), model.inputShape());
            assertEquals(64, model.embeddingSize());
        } finally {
            ModelLocator.deleteExtracted(dir);
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void extractsAModelPackedInAJar(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("service.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"model/genre-cnn/saved_model.pb", "model/genre-cnn/model.json",
                    "model/genre-cnn/variables/variables.index", "model/other/ignored.txt"}) {
                out.putNextEntry(new java.util.jar.JarEntry(name));
                out.write(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
            Path dir = ModelLocator.extractBundled(loader, ModelLocator.BUNDLED_RESOURCE);
            assertEquals("model/genre-cnn/variables/variables.index",
                    Files.readString(dir.resolve("variables/variables.index")));
            assertFalse(Files.exists(dir.resolve("ignored.txt")));
            ModelLocator.deleteExtracted(dir);
        }
    }

    @Test
    void refusesADirectoryThatIsNotASavedModel(@TempDir Path empty) {
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelLocator.locate(empty.toString()));
        assertTrue(e.getMessage().contains("saved_model.pb"), e.getMessage());
    }

    @Test
    void refusesACardWithoutGenres(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model.json"), "{\"modelVersion\":\"x\",\"extractorVersion\":\"y\",\"genres\":[]}");
        assertThrows(InvalidModelException.class, () -> ModelDescriptor.read(dir));
    }
}
