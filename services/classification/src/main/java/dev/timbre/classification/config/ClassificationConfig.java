package dev.timbre.classification.config;

import dev.timbre.classification.inference.ComputeDevice;
import dev.timbre.platform.kafka.ClientSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;

/**
 * {@code classification.*} settings (application.yml; every key can be set by environment variable), plus the
 * Kafka/registry settings every Timbre service shares ({@code kafka.*}, {@code schema.registry.url},
 * {@code schema.registry.basic.auth.user.info}).
 */
@ConfigurationProperties("classification")
public class ClassificationConfig {

    /** Kafka bootstrap servers, when they differ from the shared {@code kafka.bootstrap.servers}. */
    private String bootstrapServers;
    /**
     * Schema registry URL (Confluent-compatible API), or {@code mock://scope} in tests, when it differs from the
     * shared {@code schema.registry.url}.
     */
    private String schemaRegistryUrl;
    private ClientSettings shared = new ClientSettings(Map.of(), null, null);
    private Batch batch = new Batch();
    private Model model = new Model();
    private Engine engine = new Engine();
    private Inference inference = new Inference();
    private Profiles profiles = new Profiles();

    /**
     * The shared Kafka/registry settings; every client, Streams app and serde of the service is built from them
     * (see {@link KafkaSettings}), so security settings reach all of them.
     */
    @Inject
    void shareClientSettings(ClientSettings shared) {
        this.shared = shared;
    }

    /** The shared settings with this service's own {@code bootstrap-servers} / {@code schema-registry-url} in place, else the local platform. */
    public ClientSettings clientSettings() {
        return shared.forService(bootstrapServers, schemaRegistryUrl);
    }

    /** {@code classification.bootstrap-servers}, else {@code kafka.bootstrap.servers}, else localhost:9092. */
    public String getBootstrapServers() {
        return clientSettings().bootstrapServers();
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** {@code classification.schema-registry-url}, else {@code schema.registry.url}, else the local registry. */
    public String getSchemaRegistryUrl() {
        return clientSettings().registryUrl();
    }

    public void setSchemaRegistryUrl(String schemaRegistryUrl) {
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    public Batch getBatch() {
        return batch;
    }

    public void setBatch(Batch batch) {
        this.batch = batch;
    }

    public Model getModel() {
        return model;
    }

    public void setModel(Model model) {
        this.model = model;
    }

    public Engine getEngine() {
        return engine;
    }

    public void setEngine(Engine engine) {
        this.engine = engine;
    }

    public Inference getInference() {
        return inference;
    }

    public void setInference(Inference inference) {
        this.inference = inference;
    }

    public Profiles getProfiles() {
        return profiles;
    }

    public void setProfiles(Profiles profiles) {
        this.profiles = profiles;
    }

    /** Micro-batching of windows for the CNN. */
    @ConfigurationProperties("batch")
    public static class Batch {
        private int maxSize = 64;
        private Duration maxWait = Duration.ofMillis(20);

        public int getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(int maxSize) {
            this.maxSize = maxSize;
        }

        public Duration getMaxWait() {
            return maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }
    }

    /** Which SavedModel to serve. */
    @ConfigurationProperties("model")
    public static class Model {
        /** A SavedModel directory with model.json; blank = the model bundled in the jar. */
        private String path = "";

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }
    }

    /** The DJL TensorFlow engine. */
    @ConfigurationProperties("engine")
    public static class Engine {
        private ComputeDevice device = ComputeDevice.CPU;
        /** Where DJL keeps extracted native libraries (about 1 GB); nothing is ever downloaded. */
        private String cacheDir = System.getProperty("user.home") + "/.djl.ai";

        public ComputeDevice getDevice() {
            return device;
        }

        public void setDevice(ComputeDevice device) {
            this.device = device;
        }

        public String getCacheDir() {
            return cacheDir;
        }

        public void setCacheDir(String cacheDir) {
            this.cacheDir = cacheDir;
        }
    }

    /** The consume → infer → produce loop. */
    @ConfigurationProperties("inference")
    public static class Inference {
        private boolean enabled = true;
        /** Prefix of the producer's transactional.id; a unique suffix is added per instance. */
        private String transactionalIdPrefix = "timbre-classification-inference";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getTransactionalIdPrefix() {
            return transactionalIdPrefix;
        }

        public void setTransactionalIdPrefix(String transactionalIdPrefix) {
            this.transactionalIdPrefix = transactionalIdPrefix;
        }
    }

    /** The Kafka Streams profile aggregation. */
    @ConfigurationProperties("profiles")
    public static class Profiles {
        private boolean enabled = true;
        /** Of the Streams app's changelog and repartition topics: 1 locally, 3 on a real cluster. */
        private int replicationFactor = 1;
        private String stateDir = System.getProperty("java.io.tmpdir") + "/timbre-classification-streams";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(int replicationFactor) {
            this.replicationFactor = replicationFactor;
        }

        public String getStateDir() {
            return stateDir;
        }

        public void setStateDir(String stateDir) {
            this.stateDir = stateDir;
        }
    }
}
