package dev.timbre.platform.kafka;

import dev.timbre.platform.registry.RegistryConfig;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerde;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Timbre's Kafka conventions in one place, as property maps for plain clients (Micronaut Kafka takes the same keys
 * in {@code kafka.*}; see the README). Keys are strings, values Avro in Confluent's wire format. Producers are
 * idempotent with {@code acks=all} so a retry never duplicates or loses a record; consumers read only committed
 * data and commit themselves after processing; Streams apps run exactly-once.
 * The Streams-only parts need {@code kafka-streams} on the classpath.
 */
public final class KafkaConventions {
    /** Prefix of every consumer group and Streams application id. */
    public static final String PREFIX = "timbre.";
    /** Which service a client belongs to; read by the dead-letter handlers for {@code DeadLetter.service}. */
    public static final String SERVICE_CONFIG = "timbre.service";

    private static final String DLQ_PACKAGE = "dev.timbre.platform.dlq.";

    /** {@code replication.factor=-1}: the internal topics get the broker's {@code default.replication.factor}. */
    public static final int BROKER_DEFAULT_REPLICATION = -1;

    public static final int LINGER_MS = 20;
    public static final int BATCH_SIZE = 64 * 1024;
    /**
     * lz4: the cheapest codec in CPU, which matters more than ratio here because the float tensors that make up most
     * of Timbre's bytes compress little with any codec.
     */
    public static final String COMPRESSION = "lz4";

    public static String groupId(String service) {
        return PREFIX + requireName(service, "service");
    }

    public static String applicationId(String app) {
        return PREFIX + requireName(app, "app");
    }

    /** The registry settings alone ({@code schema.registry.url}), e.g. to configure a serde by hand. */
    public static Map<String, Object> registry(String registryUrl) {
        Map<String, Object> props = new HashMap<>();
        props.put(RegistryConfig.URL, registryUrl);
        return props;
    }

    /**
     * Idempotent producer, {@code acks=all}, a short linger with compressed batches (throughput for the feature
     * tensors without adding visible latency), String keys and specific-Avro values.
     */
    public static Map<String, Object> producer(String service, String bootstrapServers, String registryUrl) {
        Map<String, Object> props = common(service, bootstrapServers, registryUrl);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class.getName());
        return props;
    }

    /**
     * Consumer in group {@code timbre.<service>}, {@code read_committed} (never sees aborted transactional writes
     * of Streams apps), from the earliest offset when the group is new.
     *
     * @param manualCommit true when the service commits after processing (auto-commit off), the Timbre default
     */
    public static Map<String, Object> consumer(String service, String bootstrapServers, String registryUrl, boolean manualCommit) {
        Map<String, Object> props = common(service, bootstrapServers, registryUrl);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(service));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, !manualCommit);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, SpecificAvroDeserializer.class.getName());
        props.put("specific.avro.reader", true);
        return props;
    }

    /**
     * Streams app {@code timbre.<app>}: {@code exactly_once_v2}, internal topics with the given replication factor
     * (1 locally, 3 on a real cluster: take it from the deployment's config; -1 for the broker's default), String keys, specific-Avro values,
     * and poison records routed to dead-letter topics instead of stopping the app.
     */
    public static Map<String, Object> streams(String app, String bootstrapServers, String registryUrl, int replicationFactor) {
        if (replicationFactor < 1 && replicationFactor != BROKER_DEFAULT_REPLICATION) {
            throw new IllegalArgumentException("replication factor must be at least 1 (or -1: the broker's default), was "
                    + replicationFactor);
        }
        Map<String, Object> props = common(app, bootstrapServers, registryUrl);
        props.put("application.id", applicationId(app));
        props.put(SERVICE_CONFIG, app);
        props.put("processing.guarantee", "exactly_once_v2");
        props.put("replication.factor", replicationFactor);
        props.put("default.key.serde", Serdes.StringSerde.class.getName());
        props.put("default.value.serde", SpecificAvroSerde.class.getName());
        // Kafka 3.9 key names (4.x renames the first two without "default."); class names as strings so that
        // non-Streams services can use this class without kafka-streams on their classpath.
        props.put("default.deserialization.exception.handler", DLQ_PACKAGE + "DeadLetterDeserializationHandler");
        props.put("default.production.exception.handler", DLQ_PACKAGE + "DeadLetterProductionHandler");
        props.put("processing.exception.handler", DLQ_PACKAGE + "DeadLetterProcessingHandler");
        props.put("producer." + ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        props.put("producer." + ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.put("consumer." + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Restore on the stream thread, not on 3.9's state-updater thread: under exactly-once, a task taken over
        // from a killed member can time out fetching its committed offsets (the dead member's transaction is
        // still open) and the 3.9.1 state updater then loses the task for good (KAFKA-17098, KAFKA-19864, fixed
        // after 3.9). Seen as a partition that never resumed in 4 of 10 ScaleOutIT runs.
        props.put(STATE_UPDATER_ENABLED, false);
        return props;
    }

    /** Kafka Streams' internal switch for the separate state-updater thread ({@code StreamsConfig.InternalConfig}). */
    public static final String STATE_UPDATER_ENABLED = "__state.updater.enabled__";

    private static Map<String, Object> common(String service, String bootstrapServers, String registryUrl) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required");
        }
        Map<String, Object> props = registryUrl == null ? new HashMap<>() : registry(registryUrl);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        requireName(service, "service");
        return props;
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(what + " name must be non-empty [A-Za-z0-9._-], was '" + name + "'");
        }
        return name;
    }

    private KafkaConventions() {
    }
}
