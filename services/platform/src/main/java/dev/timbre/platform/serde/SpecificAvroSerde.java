package dev.timbre.platform.serde;

import dev.timbre.platform.registry.SchemaRegistryClient;
import dev.timbre.platform.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SpecificAvroSerializer} + {@link SpecificAvroDeserializer} as a Kafka Streams {@link Serde}; usable as
 * {@code default.value.serde} (by class name) or built per type in a topology.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final SpecificAvroSerializer<T> serializer;
    private final SpecificAvroDeserializer<T> deserializer;
    private SchemaRegistryClient client;

    /** For creation by class name; {@link #configure} must follow. */
    public SpecificAvroSerde() {
        this(null, null);
    }

    /** Uses this client; {@link #configure} still reads the other settings. */
    public SpecificAvroSerde(SchemaRegistryClient client) {
        this(client, null);
    }

    /** Uses this client and reads into {@code type}; {@link #configure} still reads the other settings. */
    public SpecificAvroSerde(SchemaRegistryClient client, Class<T> type) {
        this.client = client;
        this.serializer = new SpecificAvroSerializer<>(client);
        this.deserializer = new SpecificAvroDeserializer<>(client, type);
    }

    /** A configured serde for one type, e.g. {@code SpecificAvroSerde.of(SongProfile.class, props, false)}. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> of(Class<T> type, Map<String, ?> configs, boolean isKey) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(null, type);
        serde.configure(configs, isKey);
        return serde;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            // One client (one cache) for both directions.
            client = SchemaRegistryClients.fromConfig(configs);
            serializer.useClient(client);
            deserializer.useClient(client);
        }
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
