package dev.timbre.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDescriptorTest {

    @Test
    void theTaxonomyInputAndEmbeddingSizeComeFromModelJson(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ModelDescriptor.FILE_NAME), """
                {"modelVersion": "m1", "extractorVersion": "librosa-compat-1",
                 "genres": ["electronic", "folk", "hiphop"],
                 "names": {"input": "logmel", "probabilities": "probabilities", "embedding": "embedding"},
                 "inputShape": [130, 128, 1], "embeddingSize": 128}
                """);
        ModelDescriptor d = ModelDescriptor.read(dir);
        assertEquals(List.of("electronic", "folk", "hiphop"), d.genres());
        assertTrue(d.readsLogMel());
        assertEquals(130 * 128, d.inputLength());
        assertEquals(128, d.embeddingSize());
    }

    @Test
    void anOlderModelJsonDefaultsToTheMfccContract(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ModelDescriptor.FILE_NAME), """
                {"modelVersion": "m0", "extractorVersion": "librosa-compat-1", "genres": ["a", "b"]}
                """);
        ModelDescriptor d = ModelDescriptor.read(dir);
        assertFalse(d.readsLogMel());
        assertEquals(List.of(130, 13, 1), d.inputShape());
        assertEquals(64, d.embeddingSize());
    }

    @Test
    void anUnknownInputOrNoGenresIsRejected(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ModelDescriptor.FILE_NAME), """
                {"modelVersion": "m", "extractorVersion": "x", "genres": ["a"], "names": {"input": "chroma"}}
                """);
        assertTrue(assertThrows(InvalidModelException.class, () -> ModelDescriptor.read(dir)).getMessage().contains("chroma"));
        Files.writeString(dir.resolve(ModelDescriptor.FILE_NAME), """
                {"modelVersion": "m", "extractorVersion": "x", "genres": []}
                """);
        assertThrows(InvalidModelException.class, () -> ModelDescriptor.read(dir));
        assertThrows(InvalidModelException.class, () -> ModelDescriptor.read(dir.resolve("missing")));
    }
}
