package dev.timbre.platform.kafka;

import dev.timbre.platform.serde.SpecificAvroSerde;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A topic bound to its key and value types, so that a topology, a producer and a test read and write it with the
 * same serdes instead of rebuilding them each: {@code spec.serdes(serdeConfig)} gives both, configured from the
 * service's serde settings ({@code KafkaClients.serdeConfig()}, or {@code mock://} in tests). Timbre's own topics are
 * in {@link TimbreTopics}.
 *
 * @param name      the topic
 * @param keyType   the key class ({@link String} for every Timbre topic)
 * @param valueType the value class: a generated Avro record, written in Confluent's wire format
 */
public record TopicSpec<K, V extends SpecificRecord>(String name, Class<K> keyType, Class<V> valueType) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        if (keyType != String.class) {
            throw new IllegalArgumentException("Timbre topics are keyed by strings, not " + keyType.getName());
        }
    }

    /** A String-keyed topic of Avro values. */
    public static <V extends SpecificRecord> TopicSpec<String, V> of(String name, Class<V> valueType) {
        return new TopicSpec<>(name, String.class, valueType);
    }

    /** The same key and value types under another name: a topic renamed by configuration, or a test's private copy. */
    public TopicSpec<K, V> named(String otherName) {
        return new TopicSpec<>(otherName, keyType, valueType);
    }

    /** The topic's key and value serdes, configured from {@code serdeConfig}. */
    public Bound<K, V> serdes(Map<String, ?> serdeConfig) {
        @SuppressWarnings("unchecked")
        Serde<K> keys = (Serde<K>) Serdes.String();
        return new Bound<>(this, keys, SpecificAvroSerde.of(valueType, serdeConfig, false));
    }

    /** A topic with its configured serdes. */
    public record Bound<K, V extends SpecificRecord>(TopicSpec<K, V> spec, Serde<K> keys, Serde<V> values) {
        public String name() {
            return spec.name();
        }
    }
}
