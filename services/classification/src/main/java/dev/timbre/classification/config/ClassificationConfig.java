package dev.timbre.classification.config;

import dev.timbre.classification.inference.ComputeDevice;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * {@code timbre.classification.*} settings (application.yml; every key can be set by environment variable), one immutable
 * record with each default written once, here. The Kafka/registry settings every Timbre service shares
 * ({@code kafka.*}, {@code schema.registry.*}) are the platform's {@code ClientSettings}; {@link KafkaSettings}
 * puts this service's own connection keys over them.
 *
 * @param bootstrapServers  Kafka bootstrap servers, when they differ from the shared {@code kafka.bootstrap.servers}
 * @param schemaRegistryUrl the schema registry (Confluent-compatible API), or {@code mock://scope} in tests, when it
 *                          differs from the shared {@code schema.registry.url}
 */
@ConfigurationProperties("timbre.classification")
public record ClassificationConfig(@Nullable String bootstrapServers,
                                   @Nullable String schemaRegistryUrl,
                                   Batch batch,
                                   Model model,
                                   Engine engine,
                                   Inference inference,
                                   Profiles profiles) {

    /** Micro-batching of windows for the CNN. */
    @ConfigurationProperties("batch")
    public record Batch(@Bindable(defaultValue = "64") int maxSize,
                        @Bindable(defaultValue = "20ms") Duration maxWait) {
    }

    /**
     * Which SavedModel to serve.
     *
     * @param path a SavedModel directory with model.json; blank = the model bundled in the jar
     */
    @ConfigurationProperties("model")
    public record Model(@Bindable(defaultValue = "") String path) {
        public Model {
            path = path == null ? "" : path;
        }
    }

    /**
     * The DJL TensorFlow engine.
     *
     * @param cacheDir where DJL keeps extracted native libraries (about 1 GB); nothing is ever downloaded.
     *                 Default {@code ~/.djl.ai}
     */
    @ConfigurationProperties("engine")
    public record Engine(@Bindable(defaultValue = "cpu") ComputeDevice device,
                         @Nullable String cacheDir) {
        public Engine {
            cacheDir = cacheDir == null || cacheDir.isBlank() ? System.getProperty("user.home") + "/.djl.ai" : cacheDir;
        }
    }

    /**
     * The consume → infer → produce loop.
     *
     * @param transactionalIdPrefix prefix of the producer's transactional.id; a unique suffix is added per instance
     */
    @ConfigurationProperties("inference")
    public record Inference(@Bindable(defaultValue = "true") boolean enabled,
                            @Bindable(defaultValue = "timbre-classification-inference") String transactionalIdPrefix) {
    }

    /**
     * The Kafka Streams profile aggregation.
     *
     * @param replicationFactor of the Streams app's changelog and repartition topics: 1 locally, 3 on a real cluster
     * @param stateDir          default {@code <java.io.tmpdir>/timbre-classification-streams}
     */
    @ConfigurationProperties("profiles")
    public record Profiles(@Bindable(defaultValue = "true") boolean enabled,
                           @Bindable(defaultValue = "1") int replicationFactor,
                           @Nullable String stateDir) {
        public Profiles {
            stateDir = stateDir == null || stateDir.isBlank()
                    ? System.getProperty("java.io.tmpdir") + "/timbre-classification-streams" : stateDir;
        }
    }
}
