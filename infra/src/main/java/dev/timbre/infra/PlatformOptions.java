package dev.timbre.infra;

import dev.timbre.infra.topics.TopicCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to start a {@link LocalPlatform}. Ports set to 0 mean "any free port"; a configured port that is
 * taken is replaced by a free one, or fails the start with a message naming it when {@code strictPorts}.
 *
 * @param dataDir broker data, generated configs, child logs and {@code platform.properties}
 * @param topics the topics to create once the broker is up (empty: none)
 * @param startTimeout how long each of broker and registry may take to become ready
 * @param log progress and warnings (ports replaced, topics created)
 */
public record PlatformOptions(Path dataDir, int brokerPort, int controllerPort, int registryPort,
                              int registryManagementPort, boolean strictPorts, Optional<TopicCatalog> topics,
                              Duration startTimeout, Consumer<String> log) {
    public static final int DEFAULT_BROKER_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_REGISTRY_PORT = 8085;

    /** Conventional ports (9092, 9093, 8085: clear of the services, 8080-8083), data in {@code .timbre/} of the repository, bundled topics. */
    public static PlatformOptions defaults() {
        return new PlatformOptions(defaultDataDir(), DEFAULT_BROKER_PORT, DEFAULT_CONTROLLER_PORT,
                DEFAULT_REGISTRY_PORT, 0, false, Optional.of(TopicCatalog.bundled()), Duration.ofSeconds(180),
                message -> System.err.println("[timbre-platform] " + message));
    }

    /** Random free ports and the given (usually temporary) data folder: safe beside other test runs. */
    public static PlatformOptions forTests(Path dataDir) {
        return defaults().withDataDir(dataDir).withPorts(0, 0, 0);
    }

    /**
     * {@code .timbre/} in the enclosing Timbre checkout (the nearest folder up from the working directory
     * holding {@code infra/topics.yaml}), else in the working directory.
     */
    public static Path defaultDataDir() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("infra").resolve("topics.yaml"))) {
                return dir.resolve(".timbre");
            }
        }
        return cwd.resolve(".timbre");
    }

    public PlatformOptions withDataDir(Path dir) {
        return new PlatformOptions(dir, brokerPort, controllerPort, registryPort, registryManagementPort,
                strictPorts, topics, startTimeout, log);
    }

    public PlatformOptions withPorts(int broker, int controller, int registry) {
        return new PlatformOptions(dataDir, broker, controller, registry, registryManagementPort, strictPorts,
                topics, startTimeout, log);
    }

    public PlatformOptions withRegistryManagementPort(int port) {
        return new PlatformOptions(dataDir, brokerPort, controllerPort, registryPort, port, strictPorts,
                topics, startTimeout, log);
    }

    public PlatformOptions withStrictPorts(boolean strict) {
        return new PlatformOptions(dataDir, brokerPort, controllerPort, registryPort, registryManagementPort,
                strict, topics, startTimeout, log);
    }

    /** {@code null} creates no topics. */
    public PlatformOptions withTopics(TopicCatalog catalog) {
        return new PlatformOptions(dataDir, brokerPort, controllerPort, registryPort, registryManagementPort,
                strictPorts, Optional.ofNullable(catalog), startTimeout, log);
    }

    public PlatformOptions withStartTimeout(Duration timeout) {
        return new PlatformOptions(dataDir, brokerPort, controllerPort, registryPort, registryManagementPort,
                strictPorts, topics, timeout, log);
    }

    public PlatformOptions withLog(Consumer<String> sink) {
        return new PlatformOptions(dataDir, brokerPort, controllerPort, registryPort, registryManagementPort,
                strictPorts, topics, startTimeout, sink);
    }
}
