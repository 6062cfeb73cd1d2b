package dev.timbre.demo.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The four Timbre services, each in its own JVM, wired to one broker and registry. Started in dependency
 * order of the data flow but concurrently (startup is dominated by JVM/Micronaut boot); stopped in reverse.
 */
public final class Pipeline implements AutoCloseable {
    /** Conventional ports; the registry of the local platform defaults to 8085 so they never collide. */
    public record Ports(int ingest, int features, int classification, int recommendation) {
        public static Ports conventional() {
            return new Ports(8080, 8081, 8082, 8083);
        }
    }

    private final List<ServiceProcess> services;

    private Pipeline(List<ServiceProcess> services) {
        this.services = services;
    }

    /**
     * @param repoRoot    the Timbre checkout (modules are found under {@code services/})
     * @param workDir     blobs, Streams state and service logs go here
     * @param apiKeys     ingest's key table ({@code key=principal:ROLE, ...})
     */
    public static Pipeline start(Path repoRoot, Path workDir, String bootstrapServers, String registryUrl,
                                 Ports ports, String apiKeys, Consumer<String> log) {
        return start(repoRoot, workDir, bootstrapServers, registryUrl, ports, apiKeys, null, log);
    }

    /** @param genreModel a SavedModel folder for classification to serve instead of its bundled model, or null */
    public static Pipeline start(Path repoRoot, Path workDir, String bootstrapServers, String registryUrl,
                                 Ports ports, String apiKeys, Path genreModel, Consumer<String> log) {
        Path services = repoRoot.resolve("services");
        Map<String, String> classification = new java.util.LinkedHashMap<>(Map.of(
                "timbre.classification.bootstrap-servers", bootstrapServers,
                "timbre.classification.schema-registry-url", registryUrl,
                "timbre.classification.profiles.state-dir", workDir.resolve("state/classification").toString(),
                "timbre.classification.engine.cache-dir", workDir.resolve("djl").toString()));
        if (genreModel != null) {
            classification.put("timbre.classification.model.path", genreModel.toAbsolutePath().toString());
        }
        Map<String, String> kafka = Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "schema.registry.url", registryUrl);
        // recommendation's API needs a service token, which ingest presents: one random token per run
        String serviceToken = java.util.HexFormat.of().formatHex(randomBytes());
        List<ServiceSpec> specs = List.of(
                new ServiceSpec("ingest", services.resolve("ingest"), "dev.timbre.ingest.Application", ports.ingest(),
                        merge(merge(kafka, Map.of(
                                "timbre.security.api-keys", apiKeys,
                                "timbre.ingest.recommendation-url", "http://localhost:" + ports.recommendation(),
                                "timbre.service-auth.tokens", serviceToken)), blobStore(workDir))),
                new ServiceSpec("feature-extraction", services.resolve("feature-extraction"),
                        "dev.timbre.features.Application", ports.features(), merge(kafka, blobStore(workDir))),
                new ServiceSpec("classification", services.resolve("classification"),
                        "dev.timbre.classification.Application", ports.classification(),
                        merge(kafka, classification)),
                new ServiceSpec("recommendation", services.resolve("recommendation"),
                        "dev.timbre.recommendation.Application", ports.recommendation(),
                        merge(kafka, Map.of(
                                "timbre.recommendation.bootstrap-servers", bootstrapServers,
                                "timbre.recommendation.schema-registry-url", registryUrl,
                                "timbre.recommendation.state-dir", workDir.resolve("state/recommendation").toString(),
                                // static membership: a restarted recommendation resumes its partitions at once
                                "timbre.recommendation.group-instance-id", "demo-recommendation-0",
                                "timbre.recommendation.session-timeout-ms", "30000",
                                "timbre.service-auth.tokens", serviceToken))));
        List<ServiceProcess> started = new ArrayList<>();
        Pipeline pipeline = new Pipeline(started);
        try {
            for (ServiceSpec spec : specs) {
                log.accept("starting " + spec.name() + " on port " + spec.port());
                started.add(ServiceProcess.start(spec, workDir.resolve("logs")));
            }
            CompletableFuture.allOf(started.stream()
                    .map(s -> CompletableFuture.runAsync(() -> {
                        s.awaitHealthy(Duration.ofMinutes(4));
                        log.accept(s.spec().name() + " is up at " + s.baseUrl() + " (log: " + s.logFile() + ")");
                    }))
                    .toArray(CompletableFuture[]::new)).join();
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.spec().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
    }

    /**
     * Where ingest writes the audio and feature-extraction reads it: the launcher's own {@code timbre.blob.*} system
     * properties when it has them (e.g. {@link DemoS3}, {@code --blob s3}), else a folder in {@code workDir}.
     */
    static Map<String, String> blobStore(Path workDir) {
        Map<String, String> blob = new java.util.TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("timbre.blob."))
                .forEach(k -> blob.put(k, System.getProperty(k)));
        if (blob.isEmpty()) {
            blob.put("timbre.blob.root", workDir.resolve("blobs").toString());
        }
        return blob;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(a);
        merged.putAll(b);
        return merged;
    }
}
