package dev.timbre.classification.config;

import dev.timbre.platform.kafka.ClientSettings;
import dev.timbre.platform.kafka.KafkaConventions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Client settings of the service: Timbre's {@link KafkaConventions} plus what this service needs on top, layered
 * over the deployment's shared settings ({@link ClientSettings}: {@code kafka.security.protocol},
 * {@code kafka.sasl.*}, {@code kafka.ssl.*}, registry basic auth ...) so that every client reaches a secured cluster.
 */
public final class KafkaSettings {

    /** Consumer group {@code timbre.classification}; {@code DeadLetter.service}. */
    public static final String SERVICE = "classification";
    /** Streams application {@code timbre.classification-profiles}. */
    public static final String PROFILES_APP = "classification-profiles";

    private final ClassificationConfig config;
    private final ClientSettings shared;

    public KafkaSettings(ClassificationConfig config) {
        this.config = config;
        this.shared = config.clientSettings();
    }

    /** Settings for the platform's Avro serdes (registry URL, specific records, basic auth when configured). */
    public Map<String, Object> serde() {
        return shared.serdeProperties();
    }

    /**
     * The inference loop's consumer: raw bytes (each record is decoded on its own so a bad one can be
     * dead-lettered), offsets committed only through the producer's transaction.
     */
    public Map<String, Object> inferenceConsumer() {
        Map<String, Object> props = new HashMap<>(KafkaConventions.consumer(SERVICE, shared.bootstrapServers(),
                null, true));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(config.getBatch().getMaxSize(), 16));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // bytes in: the registry settings belong to the serdes (serde()), not to this client
        props.remove("specific.avro.reader");
        return shared.layer(props);
    }

    /**
     * The inference loop's transactional producer. The transactional id is unique per instance: with
     * {@code sendOffsetsToTransaction(offsets, groupMetadata)} (KIP-447) zombies are fenced by the consumer
     * group generation, so the id need not be tied to partitions.
     */
    public Map<String, Object> inferenceProducer() {
        Map<String, Object> props = new HashMap<>(KafkaConventions.producer(SERVICE, shared.bootstrapServers(), null));
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                config.getInference().getTransactionalIdPrefix() + "-" + UUID.randomUUID());
        // The batch is already formed by the micro-batcher; lingering would only add latency.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return shared.layer(props);
    }

    /** The profile aggregation: exactly_once_v2, poison predictions to {@code window.predictions.dlq}. */
    public Properties profileStreams() {
        Map<String, Object> conventions = KafkaConventions.streams(PROFILES_APP, shared.bootstrapServers(),
                shared.registryUrl(), config.getProfiles().getReplicationFactor());
        conventions.put(StreamsConfig.STATE_DIR_CONFIG, config.getProfiles().getStateDir());
        conventions.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        conventions.put("specific.avro.reader", true);
        // the Streams clients, the default serdes and the dead-letter handlers' producer all read this map
        Properties props = new Properties();
        props.putAll(shared.layer(conventions));
        return props;
    }
}
