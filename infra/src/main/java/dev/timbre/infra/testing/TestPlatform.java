package dev.timbre.infra.testing;

import dev.timbre.infra.LocalPlatform;
import dev.timbre.infra.PlatformException;
import dev.timbre.infra.PlatformOptions;
import dev.timbre.infra.registry.ApicurioRegistry;
import dev.timbre.infra.topics.TopicCatalog;
import dev.timbre.infra.topics.TopicCreator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

/**
 * The Kafka broker and schema registry shared by all integration tests of one JVM. The first
 * {@link #get()} starts a {@link LocalPlatform} on random free ports in a temporary folder (topics
 * created); later calls, from any test class, reuse it; a shutdown hook stops it when the JVM exits.
 *
 * <p>With system properties {@value #BOOTSTRAP_PROPERTY} and {@value #REGISTRY_PROPERTY} (the ccompat
 * URL) set, nothing is started: the tests use that already running platform (topics are still ensured).
 */
public final class TestPlatform {
    public static final String BOOTSTRAP_PROPERTY = "timbre.test.bootstrap";
    public static final String REGISTRY_PROPERTY = "timbre.test.registry";

    private static TestPlatform instance;
    private static PlatformException startFailure;

    private final String bootstrapServers;
    private final String registryUrl;
    private final LocalPlatform local;

    private TestPlatform(String bootstrapServers, String registryUrl, LocalPlatform local) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.local = local;
    }

    /**
     * The shared platform, started on first use. A failed start is remembered and rethrown, so the
     * remaining test classes fail fast with the same cause instead of each waiting for a timeout.
     */
    public static synchronized TestPlatform get() {
        if (instance != null) {
            return instance;
        }
        if (startFailure != null) {
            throw new PlatformException("The test platform failed to start earlier in this JVM: "
                    + startFailure.getMessage(), startFailure);
        }
        try {
            instance = create(System.getProperty(BOOTSTRAP_PROPERTY), System.getProperty(REGISTRY_PROPERTY));
            return instance;
        } catch (PlatformException e) {
            startFailure = e;
            throw e;
        }
    }

    /** A platform given by {@code bootstrap} and {@code registry} (both set), else a newly started one. */
    static TestPlatform create(String bootstrap, String registry) {
        if (notBlank(bootstrap) && notBlank(registry)) {
            new TopicCreator(message -> { }, Duration.ofSeconds(60)).apply(bootstrap, TopicCatalog.bundled().topics());
            ApicurioRegistry.setGlobalCompatibility(registry, "BACKWARD");
            return new TestPlatform(bootstrap, registry, null);
        }
        if (notBlank(bootstrap) || notBlank(registry)) {
            throw new PlatformException("Set both " + BOOTSTRAP_PROPERTY + " and " + REGISTRY_PROPERTY
                    + " to use a running platform, or neither to start one");
        }
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("timbre-test-platform");
        } catch (IOException e) {
            throw new PlatformException("Cannot create a temporary data folder: " + e.getMessage(), e);
        }
        LocalPlatform platform = LocalPlatform.start(PlatformOptions.forTests(dataDir)
                .withLog(message -> System.out.println("[timbre-test-platform] " + message)));
        // Registered after LocalPlatform's own hook: both run concurrently at exit, so stop here first.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            deleteQuietly(dataDir);
        }, "timbre-test-platform-cleanup"));
        return new TestPlatform(platform.bootstrapServers(), platform.registryUrl(), platform);
    }

    /** {@code host:port} list for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Confluent-compatible registry URL ({@code http://.../apis/ccompat/v7}) for {@code schema.registry.url}. */
    public String registryUrl() {
        return registryUrl;
    }

    /** {@code bootstrap.servers} and {@code schema.registry.url}, to merge into client configs. */
    public Map<String, Object> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers, "schema.registry.url", registryUrl);
    }

    /** True when the tests run against a platform given by system properties rather than one started here. */
    public boolean external() {
        return local == null;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
