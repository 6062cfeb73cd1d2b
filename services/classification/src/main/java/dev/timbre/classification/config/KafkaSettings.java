package dev.timbre.classification.config;

import dev.timbre.platform.kafka.ClientSettings;
import dev.timbre.platform.kafka.KafkaClients;
import dev.timbre.platform.kafka.KafkaConventions;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Map;
import java.util.UUID;

/**
 * The service's Kafka clients, all from the platform's {@link KafkaClients} (Timbre's {@link KafkaConventions},
 * then the deployment's shared {@link ClientSettings}: {@code kafka.security.protocol}, {@code kafka.sasl.*},
 * {@code kafka.ssl.*}, registry basic auth ..., then the tweaks below), so that every client reaches a secured
 * cluster.
 */
@Singleton
public final class KafkaSettings {

    /** Consumer group {@code timbre.classification}; {@code DeadLetter.service}. */
    public static final String SERVICE = "classification";
    /** Streams application {@code timbre.classification-profiles}. */
    public static final String PROFILES_APP = "classification-profiles";

    private final ClassificationConfig config;
    private final KafkaClients clients;

    /**
     * @param shared the deployment's shared settings; {@code timbre.classification.bootstrap-servers} /
     *               {@code timbre.classification.schema-registry-url} go over them, else the local platform's
     */
    public KafkaSettings(ClassificationConfig config, ClientSettings shared) {
        this.config = config;
        this.clients = new KafkaClients(SERVICE, shared.forService(config.bootstrapServers(), config.schemaRegistryUrl()));
    }

    public KafkaClients clients() {
        return clients;
    }

    /** Settings for the platform's Avro serdes (registry URL, specific records, basic auth when configured). */
    public Map<String, Object> serde() {
        return clients.serdeConfig();
    }

    /**
     * The inference loop's consumer: raw bytes (each record is decoded on its own so a bad one can be
     * dead-lettered), offsets committed only through the producer's transaction.
     */
    public Map<String, Object> inferenceConsumer() {
        return clients.consumerConfig(props -> {
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(config.batch().maxSize(), 16));
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        });
    }

    public Consumer<byte[], byte[]> newInferenceConsumer() {
        return clients.consumer(new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                props -> props.putAll(inferenceConsumer()));
    }

    /**
     * The inference loop's transactional producer. The transactional id is unique per instance: with
     * {@code sendOffsetsToTransaction(offsets, groupMetadata)} (KIP-447) zombies are fenced by the consumer
     * group generation, so the id need not be tied to partitions.
     */
    public Map<String, Object> inferenceProducer() {
        return clients.producerConfig(props -> {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    config.inference().transactionalIdPrefix() + "-" + UUID.randomUUID());
            // The batch is already formed by the micro-batcher; lingering would only add latency.
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        });
    }

    public Producer<byte[], byte[]> newInferenceProducer() {
        Map<String, Object> config = inferenceProducer();
        return clients.bytesProducer(props -> props.putAll(config));
    }

    /** The profile aggregation: exactly_once_v2, poison predictions to {@code window.predictions.dlq}. */
    public Map<String, Object> profileStreams() {
        // the Streams clients, the default serdes and the dead-letter handlers' producer all read this map
        return clients.streamsConfig(PROFILES_APP, config.profiles().replicationFactor(), props -> {
            props.put(StreamsConfig.STATE_DIR_CONFIG, config.profiles().stateDir());
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        });
    }
}
