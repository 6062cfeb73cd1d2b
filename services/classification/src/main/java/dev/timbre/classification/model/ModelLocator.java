package dev.timbre.classification.model;

import dev.timbre.model.InvalidModelException;
import dev.timbre.model.ModelDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the SavedModel directory. TensorFlow loads a model only from a real directory, so the model
 * bundled in the jar ({@code classpath:model/genre-cnn/}) is copied to a temporary directory first;
 * an operator can point {@code timbre.classification.model.path} at a directory instead (a newer model
 * mounted into the container).
 */
public final class ModelLocator {

    public static final String BUNDLED_RESOURCE = "model/genre-cnn";

    private ModelLocator() {
    }

    /** @param configuredPath a directory, or null/blank for the bundled model */
    public static Path locate(String configuredPath) {
        if (configuredPath != null && !configuredPath.isBlank()) {
            Path dir = Paths.get(configuredPath);
            requireSavedModel(dir);
            return dir;
        }
        return extractBundled(ModelLocator.class.getClassLoader(), BUNDLED_RESOURCE);
    }

    static Path extractBundled(ClassLoader loader, String resource) {
        URL marker = loader.getResource(resource + "/" + ModelDescriptor.FILE_NAME);
        if (marker == null) {
            throw new InvalidModelException("no bundled model: classpath:" + resource + "/"
                    + ModelDescriptor.FILE_NAME + " is missing; set timbre.classification.model.path");
        }
        try {
            Path target = Files.createTempDirectory("timbre-genre-cnn-");
            if ("file".equals(marker.getProtocol())) {
                copyTree(Paths.get(marker.toURI()).getParent(), target);
            } else if ("jar".equals(marker.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) marker.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    copyJarEntries(jar, resource + "/", target);
                }
            } else {
                throw new InvalidModelException("cannot read bundled model from " + marker);
            }
            requireSavedModel(target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract bundled model", e);
        } catch (URISyntaxException e) {
            throw new InvalidModelException("bad bundled model location " + marker, e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(file, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void copyJarEntries(JarFile jar, String prefix, Path target) throws IOException {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            if (!entry.getName().startsWith(prefix) || entry.isDirectory()) {
                continue;
            }
            Path dest = target.resolve(entry.getName().substring(prefix.length())).normalize();
            if (!dest.startsWith(target)) {
                throw new InvalidModelException("bundled model entry escapes its directory: " + entry.getName());
            }
            Files.createDirectories(dest.getParent());
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Removes a copy made by {@link #locate} for the bundled model (best effort: it lives in the temp dir). */
    public static void deleteExtracted(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }

    static void requireSavedModel(Path dir) {
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            throw new InvalidModelException(dir + " is not a SavedModel directory (no saved_model.pb)");
        }
        if (!Files.isRegularFile(dir.resolve(ModelDescriptor.FILE_NAME))) {
            throw new InvalidModelException(dir + " has no " + ModelDescriptor.FILE_NAME);
        }
    }
}
