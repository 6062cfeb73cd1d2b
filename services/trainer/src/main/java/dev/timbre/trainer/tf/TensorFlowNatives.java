package dev.timbre.trainer.tf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import ai.djl.engine.Engine;

/**
 * Loads TensorFlow's native library exactly once, for both TF-Java (training) and DJL (inference).
 *
 * <p>DJL 0.30.0's TensorFlow engine runs on the TF-Java 1.0.0-rc.1 API ({@code org.tensorflow.*},
 * bundled in {@code ai.djl.tensorflow:tensorflow-api}), i.e. TF 2.16.1. DJL would download the matching
 * natives from its own CDN; offline, we take them from TF-Java's Maven Central jar
 * ({@code org.tensorflow:tensorflow-core-native:1.0.0-rc.1:linux-x86_64}): the libraries are copied
 * once into a cache folder and DJL is pointed at it with {@code TENSORFLOW_LIBRARY_PATH}. DJL then sets
 * JavaCPP's preload path to that folder, so every {@code org.tensorflow} class uses the same natives.
 */
public final class TensorFlowNatives {

    /** TF-Java natives version matching DJL 0.30.0's engine (TF 2.16.1). */
    public static final String NATIVE_VERSION = "1.0.0-rc.1";
    private static final String RESOURCE_DIR = "org/tensorflow/internal/c_api/linux-x86_64/";
    private static final List<String> LIBRARIES =
            List.of("libtensorflow_framework.so.2", "libtensorflow_cc.so.2", "libjnitensorflow.so");

    private static volatile boolean loaded;

    private TensorFlowNatives() {
    }

    public static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("TENSORFLOW_LIBRARY_PATH") == null && System.getProperty("TENSORFLOW_LIBRARY_PATH") == null) {
            System.setProperty("TENSORFLOW_LIBRARY_PATH", extractNatives().toString());
        }
        Engine engine = Engine.getEngine("TensorFlow");
        if (!"TensorFlow".equals(engine.getEngineName())) {
            throw new IllegalStateException("DJL TensorFlow engine not available, got " + engine.getEngineName());
        }
        loaded = true;
    }

    /** The TensorFlow runtime version DJL reports. */
    public static String version() {
        ensureLoaded();
        return Engine.getEngine("TensorFlow").getVersion();
    }

    /** Copies the natives out of the classpath jar (once) and returns their folder. */
    static Path extractNatives() {
        Path dir = cacheRoot().resolve("tensorflow-core-native-" + NATIVE_VERSION + "-linux-x86_64");
        try {
            Files.createDirectories(dir);
            for (String lib : LIBRARIES) {
                Path target = dir.resolve(lib);
                try (InputStream in = TensorFlowNatives.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + lib)) {
                    if (in == null) {
                        throw new IllegalStateException("TensorFlow natives not on the classpath: add "
                                + "org.tensorflow:tensorflow-core-native:" + NATIVE_VERSION + ":linux-x86_64");
                    }
                    if (Files.exists(target)) {
                        continue;
                    }
                    // write to a temp file and move, so a concurrent JVM never loads a half-written library
                    Path tmp = Files.createTempFile(dir, lib, ".part");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract TensorFlow natives to " + dir, e);
        }
        return dir;
    }

    private static Path cacheRoot() {
        for (String key : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            String v = System.getProperty(key, System.getenv(key));
            if (v != null && !v.isBlank()) {
                return Path.of(v);
            }
        }
        return Path.of(System.getProperty("user.home"), ".djl.ai");
    }
}
