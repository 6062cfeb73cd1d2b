package dev.timbre.platform.kafka;

import dev.timbre.platform.dlq.DeadLetterFactory;
import dev.timbre.platform.dlq.DeadLetters;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.dlq.DeadLetter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one factory of Kafka clients for a Timbre service. Every client's configuration is built the same way:
 * <ol>
 *   <li>{@link KafkaConventions} (idempotent acks=all producers, read_committed consumers in {@code timbre.<service>},
 *       exactly-once Streams apps {@code timbre.<app>} with the dead-letter handlers);</li>
 *   <li>the deployment's shared {@link ClientSettings} layered over them ({@link ClientSettings#layer}: security and
 *       connection settings pass through, explicit batching/compression wins, the conventions' safety keys stand);</li>
 *   <li>the service's own tweaks, last: a {@code Consumer<Map<String, Object>>} that may put, override or remove any
 *       key (e.g. {@code max.poll.records}, a transactional id, {@code group.instance.id} and
 *       {@code session.timeout.ms} for static membership, a Streams state dir).</li>
 * </ol>
 * Plain clients get their serializers as instances ({@link #avroSerializer()} ...), configured from the shared
 * serde settings, so their own configuration carries no registry keys; Streams apps carry the serde settings in
 * their one map, because their default serdes and dead-letter handlers are configured from it.
 */
public final class KafkaClients {
    /** No tweaks. */
    public static final Consumer<Map<String, Object>> NONE = props -> { };

    private final String service;
    private final ClientSettings settings;

    /**
     * @param service  the service's name ({@code timbre.<service>} group, {@code DeadLetter.service}, client ids)
     * @param settings the deployment's shared settings, with the service's own connection keys already applied
     *                 ({@link ClientSettings#forService})
     */
    public KafkaClients(String service, ClientSettings settings) {
        this.service = Objects.requireNonNull(service, "service");
        this.settings = Objects.requireNonNull(settings, "settings");
        KafkaConventions.groupId(service); // validates the name
    }

    public String service() {
        return service;
    }

    public ClientSettings settings() {
        return settings;
    }

    /** Settings for the platform's Avro serdes (registry URL, specific records, basic auth when configured). */
    public Map<String, Object> serdeConfig() {
        return settings.serdeProperties();
    }

    // ---- producers

    /** A producer's configuration: conventions, then the shared settings, then {@code tweaks}. */
    public Map<String, Object> producerConfig(Consumer<Map<String, Object>> tweaks) {
        Map<String, Object> props = settings.layer(KafkaConventions.producer(service, settings.bootstrapServers(), null));
        tweaks.accept(props);
        return props;
    }

    public <K, V> Producer<K, V> producer(Serializer<K> keys, Serializer<V> values, Consumer<Map<String, Object>> tweaks) {
        return new KafkaProducer<>(producerConfig(tweaks), keys, values);
    }

    /** String keys, specific-Avro values: what most services publish. */
    public Producer<String, SpecificRecord> avroProducer(Consumer<Map<String, Object>> tweaks) {
        return producer(new StringSerializer(), avroSerializer(), tweaks);
    }

    /** Byte keys and values, e.g. for a transactional loop that serializes (and dead-letters) records itself. */
    public Producer<byte[], byte[]> bytesProducer(Consumer<Map<String, Object>> tweaks) {
        return producer(new ByteArraySerializer(), new ByteArraySerializer(), tweaks);
    }

    // ---- consumers

    /**
     * A consumer's configuration: conventions (group {@code timbre.<service>}, read_committed, manual commits,
     * earliest), then the shared settings, then {@code tweaks} (remove {@code group.id} for an assign-only reader).
     */
    public Map<String, Object> consumerConfig(Consumer<Map<String, Object>> tweaks) {
        Map<String, Object> conventions = KafkaConventions.consumer(service, settings.bootstrapServers(), null, true);
        // the deserializers are given as instances, configured from serdeConfig(): no registry keys in the client
        conventions.remove("specific.avro.reader");
        Map<String, Object> props = settings.layer(conventions);
        tweaks.accept(props);
        return props;
    }

    public <K, V> org.apache.kafka.clients.consumer.Consumer<K, V> consumer(Deserializer<K> keys, Deserializer<V> values,
                                                                           Consumer<Map<String, Object>> tweaks) {
        return new KafkaConsumer<>(consumerConfig(tweaks), keys, values);
    }

    /**
     * An assign-only consumer's configuration: {@link #consumerConfig} without a {@code group.id}, so every instance
     * reads the partitions it assigns itself (e.g. all of a compacted topic, for a whole-catalog view), as {@code clientId}.
     */
    public Map<String, Object> assignOnlyConsumerConfig(String clientId) {
        return consumerConfig(props -> {
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        });
    }

    public <K, V> org.apache.kafka.clients.consumer.Consumer<K, V> assignOnlyConsumer(Deserializer<K> keys, Deserializer<V> values,
                                                                                     String clientId) {
        return new KafkaConsumer<>(assignOnlyConsumerConfig(clientId), keys, values);
    }

    // ---- Streams

    /**
     * A Streams app's configuration: {@link KafkaConventions#streams} (application id {@code timbre.<app>},
     * exactly_once_v2, Avro default serdes, the three dead-letter handlers), then the shared settings (including
     * the registry's auth for the serdes), then {@code tweaks} (state dir, threads, standbys, static membership ...).
     *
     * @param replicationFactor of the internal topics; -1 for the broker's default
     */
    public Map<String, Object> streamsConfig(String app, int replicationFactor, Consumer<Map<String, Object>> tweaks) {
        Map<String, Object> conventions = KafkaConventions.streams(app, settings.bootstrapServers(),
                settings.registryUrl(), replicationFactor);
        conventions.put("specific.avro.reader", true);
        Map<String, Object> props = settings.layer(conventions);
        tweaks.accept(props);
        return props;
    }

    /** The same map as {@link Properties}, as {@code new KafkaStreams(topology, props)} wants it (see {@code ManagedStreams}). */
    public static Properties properties(Map<String, ?> config) {
        Properties props = new Properties();
        props.putAll(config); // typed values are fine: the clients parse them
        return props;
    }

    // ---- serdes and dead letters

    public <T extends SpecificRecord> SpecificAvroSerializer<T> avroSerializer() {
        SpecificAvroSerializer<T> serializer = new SpecificAvroSerializer<>();
        serializer.configure(serdeConfig(), false);
        return serializer;
    }

    public <T extends SpecificRecord> SpecificAvroDeserializer<T> avroDeserializer() {
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(serdeConfig(), false);
        return deserializer;
    }

    /** This service's dead-letter builder (for records published some other way, e.g. in a transaction). */
    public DeadLetterFactory deadLetterFactory() {
        return new DeadLetterFactory(service, Clock.systemUTC());
    }

    /** A dead-letter publisher with its own producer (closed with it), built like every other producer here. */
    public DeadLetters deadLetters(Consumer<Map<String, Object>> tweaks) {
        Producer<byte[], DeadLetter> producer = producer(new ByteArraySerializer(), avroSerializer(), props -> {
            tweaks.accept(props);
        });
        return new DeadLetters(producer, deadLetterFactory(), true);
    }

    /** A copy of {@code config} with {@code extra} on top, for tweaks that are plain maps. */
    public static Consumer<Map<String, Object>> putAll(Map<String, ?> extra) {
        return props -> props.putAll(new HashMap<>(extra));
    }

    @Override
    public String toString() {
        return "KafkaClients{" + service + ", " + settings + "}";
    }
}
