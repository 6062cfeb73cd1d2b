package dev.timbre.classification.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Makes the TensorFlow native libraries shipped in a Maven jar loadable by DJL, so nothing is ever downloaded.
 *
 * <p>DJL {@code 0.30.0}'s engine runs on the TF-Java 1.0.0-rc.1 API (TF 2.16.1). DJL's own native jars on Maven
 * Central stop at 2.10.1, whose JNI library does not match that API, and DJL would otherwise fetch 2.16.1 from
 * its CDN. TF-Java publishes the matching natives on Central
 * ({@code org.tensorflow:tensorflow-core-native:1.0.0-rc.1:linux-x86_64}, or {@code linux-x86_64-gpu} in the
 * {@code cuda} build): they are copied once into the cache folder and DJL's documented override,
 * {@code TENSORFLOW_LIBRARY_PATH}, points at them. The trainer loads the same natives the same way, so the
 * model is served by the TensorFlow that wrote it.
 */
public final class TensorFlowNatives {

    private static final String OVERRIDE = "TENSORFLOW_LIBRARY_PATH";
    private static final String JAR_DIR = "org/tensorflow/internal/c_api/";
    /** GPU build first: when the cuda build is on the classpath, that is what was asked for. */
    private static final List<String> PLATFORMS = List.of("linux-x86_64-gpu", "linux-x86_64");
    private static final List<String> LIBRARIES =
            List.of("libtensorflow_framework.so.2", "libtensorflow_cc.so.2", "libjnitensorflow.so");
    private static final String VERSION = "1.0.0-rc.1";

    private TensorFlowNatives() {
    }

    /**
     * Configures DJL for offline use with {@code cacheDir} and makes the bundled natives loadable. Idempotent
     * and safe across processes sharing the cache (each library is written to a temporary file, then renamed).
     * An operator-set {@code TENSORFLOW_LIBRARY_PATH} wins.
     *
     * @return the directory holding the native libraries
     */
    public static synchronized Path prepare(Path cacheDir) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("DJL_CACHE_DIR", cacheDir.toString());
        System.setProperty("ENGINE_CACHE_DIR", cacheDir.toString());
        String override = System.getenv(OVERRIDE) != null ? System.getenv(OVERRIDE) : System.getProperty(OVERRIDE);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String platform = bundledPlatform();
        // same folder as the trainer's, so a developer machine keeps one copy
        Path dir = cacheDir.resolve("tensorflow-core-native-" + VERSION + "-" + platform);
        extract(JAR_DIR + platform + "/", dir);
        System.setProperty(OVERRIDE, dir.toString());
        return dir;
    }

    private static String bundledPlatform() {
        for (String platform : PLATFORMS) {
            if (resource(JAR_DIR + platform + "/libjnitensorflow.so") != null) {
                return platform;
            }
        }
        throw new IllegalStateException("no TensorFlow natives on the classpath: add "
                + "org.tensorflow:tensorflow-core-native:" + VERSION + ":linux-x86_64 or set " + OVERRIDE);
    }

    private static void extract(String resourceDir, Path dir) {
        try {
            Files.createDirectories(dir);
            for (String library : LIBRARIES) {
                Path target = dir.resolve(library);
                if (Files.isRegularFile(target)) {
                    continue;
                }
                try (InputStream in = TensorFlowNatives.class.getClassLoader()
                        .getResourceAsStream(resourceDir + library)) {
                    if (in == null) {
                        throw new IllegalStateException("bundled native library missing: " + resourceDir + library);
                    }
                    // a concurrent JVM must never load a half-written library
                    Path tmp = Files.createTempFile(dir, library, ".part");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract TensorFlow natives to " + dir, e);
        }
    }

    private static java.net.URL resource(String name) {
        return TensorFlowNatives.class.getClassLoader().getResource(name);
    }
}
