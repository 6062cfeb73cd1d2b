package dev.timbre.classification.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Prepares the TensorFlow native libraries shipped in the {@code tensorflow-native-*} jar, so DJL never
 * downloads anything.
 *
 * <p>Why not let DJL extract them: the only CPU natives on Maven Central (2.10.1) are labelled as a CUDA 11.3
 * build in their {@code tensorflow.properties}, so DJL's platform check rejects them on a machine without
 * CUDA and falls back to downloading (which offline mode forbids). We extract the bundled libraries once
 * into the DJL cache and point DJL's documented override, {@code TENSORFLOW_LIBRARY_PATH}, at them.
 */
public final class TensorFlowNatives {

    private static final String PROPERTIES = "native/lib/tensorflow.properties";
    private static final String JNI_LIBRARY = "libjnitensorflow.so";
    private static final String OVERRIDE = "TENSORFLOW_LIBRARY_PATH";

    private TensorFlowNatives() {
    }

    /**
     * Configures DJL for offline use with {@code cacheDir} and makes the bundled natives loadable.
     * Idempotent and safe across processes sharing the cache (extraction goes through an atomic rename).
     *
     * @return the directory holding the native libraries
     */
    public static synchronized Path prepare(Path cacheDir) {
        System.setProperty("ai.djl.offline", "true");
        // TF Java 0.5.0's protobuf classes predate protobuf 3.22's gencode; they only ever parse our own
        // SavedModel, so the (noisy, per-class) warning about untrusted input does not apply.
        System.setProperty("com.google.protobuf.use_unsafe_pre22_gencode", "true");
        System.setProperty("DJL_CACHE_DIR", cacheDir.toString());
        System.setProperty("ENGINE_CACHE_DIR", cacheDir.toString());
        String override = System.getenv(OVERRIDE) != null ? System.getenv(OVERRIDE) : System.getProperty(OVERRIDE);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Properties bundle = bundledProperties();
        String version = bundle.getProperty("version", "unknown");
        String classifier = bundle.getProperty("classifier", "unknown");
        String[] libraries = bundle.getProperty("libraries", "").split(",");
        Path dir = cacheDir.resolve("tensorflow").resolve(version + "-" + classifier + "-bundled");
        if (!Files.isRegularFile(dir.resolve(JNI_LIBRARY))) {
            extract(libraries, dir);
        }
        System.setProperty(OVERRIDE, dir.toString());
        return dir;
    }

    private static Properties bundledProperties() {
        Properties props = new Properties();
        try (InputStream in = TensorFlowNatives.class.getClassLoader().getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("no TensorFlow natives on the classpath (" + PROPERTIES
                        + "): add ai.djl.tensorflow:tensorflow-native-cpu or set " + OVERRIDE);
            }
            props.load(in);
            return props;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PROPERTIES, e);
        }
    }

    private static void extract(String[] libraries, Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), "extract-");
            try {
                for (String library : libraries) {
                    String resource = "native/lib/" + library.trim();
                    try (InputStream in = TensorFlowNatives.class.getClassLoader().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new IllegalStateException("bundled native library missing: " + resource);
                        }
                        Files.copy(in, tmp.resolve(library.trim()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                try {
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                    // another process finished first; its copy is identical
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, dir);
                }
            } finally {
                deleteQuietly(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract TensorFlow natives to " + dir, e);
        }
    }

    private static void deleteQuietly(Path tmp) throws IOException {
        if (!Files.exists(tmp)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
