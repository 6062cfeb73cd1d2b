package dev.timbre.model.serving;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Loads TensorFlow's native libraries exactly once per JVM, the same way for TF-Java (the trainer's graphs) and DJL
 * (inference in the trainer's export check and in the classification service), so a model is served by the
 * TensorFlow that wrote it and nothing is ever downloaded.
 *
 * <p>DJL {@code 0.30.0}'s engine runs on the TF-Java 1.0.0-rc.1 API ({@code org.tensorflow.*}, inside
 * {@code ai.djl.tensorflow:tensorflow-api}), i.e. TF 2.16.1. DJL's own native jars on Maven Central stop at 2.10.1,
 * whose JNI library does not match that API, and DJL would otherwise fetch 2.16.1 from its CDN. TF-Java publishes
 * the matching natives on Central ({@code org.tensorflow:tensorflow-core-native:1.0.0-rc.1:linux-x86_64}, or
 * {@code linux-x86_64-gpu} in the {@code cuda} build): they are copied once into the cache folder and DJL's
 * documented override, {@code TENSORFLOW_LIBRARY_PATH}, points at them. DJL then sets JavaCPP's preload path to that
 * folder, so every {@code org.tensorflow} class uses the same natives.
 */
public final class TensorFlowNatives {

    /** TF-Java natives version matching DJL 0.30.0's engine (TF 2.16.1). */
    public static final String NATIVE_VERSION = "1.0.0-rc.1";
    /** DJL's engine name. */
    public static final String ENGINE = "TensorFlow";

    private static final String OVERRIDE = "TENSORFLOW_LIBRARY_PATH";
    private static final String JAR_DIR = "org/tensorflow/internal/c_api/";
    /** GPU build first: when the cuda build is on the classpath, that is what was asked for. */
    private static final List<String> PLATFORMS = List.of("linux-x86_64-gpu", "linux-x86_64");
    private static final List<String> LIBRARIES =
            List.of("libtensorflow_framework.so.2", "libtensorflow_cc.so.2", "libjnitensorflow.so");

    private static volatile boolean loaded;

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
        Path dir = cacheDir.resolve("tensorflow-core-native-" + NATIVE_VERSION + "-" + platform);
        extract(JAR_DIR + platform + "/", dir);
        System.setProperty(OVERRIDE, dir.toString());
        return dir;
    }

    /**
     * {@link #prepare} with the default cache ({@code DJL_CACHE_DIR} or {@code ENGINE_CACHE_DIR}, system property or
     * environment, else {@code ~/.djl.ai}), then loads the DJL TensorFlow engine, once.
     */
    public static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        prepare(defaultCacheDir());
        Engine engine = Engine.getEngine(ENGINE);
        if (!ENGINE.equals(engine.getEngineName())) {
            throw new IllegalStateException("DJL TensorFlow engine not available, got " + engine.getEngineName());
        }
        loaded = true;
    }

    /** The TensorFlow runtime version DJL reports. */
    public static String version() {
        ensureLoaded();
        return Engine.getEngine(ENGINE).getVersion();
    }

    /** Where DJL keeps its files unless told otherwise. */
    public static Path defaultCacheDir() {
        for (String key : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            String v = System.getProperty(key, System.getenv(key));
            if (v != null && !v.isBlank()) {
                return Path.of(v);
            }
        }
        return Path.of(System.getProperty("user.home"), ".djl.ai");
    }

    private static String bundledPlatform() {
        for (String platform : PLATFORMS) {
            if (TensorFlowNatives.class.getClassLoader().getResource(JAR_DIR + platform + "/libjnitensorflow.so") != null) {
                return platform;
            }
        }
        throw new IllegalStateException("no TensorFlow natives on the classpath: add "
                + "org.tensorflow:tensorflow-core-native:" + NATIVE_VERSION + ":linux-x86_64 or set " + OVERRIDE);
    }

    private static void extract(String resourceDir, Path dir) {
        try {
            Files.createDirectories(dir);
            for (String library : LIBRARIES) {
                Path target = dir.resolve(library);
                if (Files.isRegularFile(target)) {
                    continue;
                }
                try (InputStream in = TensorFlowNatives.class.getClassLoader().getResourceAsStream(resourceDir + library)) {
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
}
