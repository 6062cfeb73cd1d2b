package dev.timbre.platform.serde;

import dev.timbre.platform.registry.SchemaRegistryClient;
import dev.timbre.platform.registry.SchemaRegistryClients;
import dev.timbre.platform.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro into specific records. The writer schema comes from the registry by the id in the
 * payload; the reader schema is the target class's own, so Avro's schema resolution lets an old consumer read
 * records written with a newer compatible schema (and vice versa). The target class is the one given to the
 * constructor, else {@code specific.avro.value.type} / {@code specific.avro.key.type}, else the generated class
 * named like the writer schema. A null payload (tombstone) reads as null; anything else that is not a valid
 * framed record fails with a {@link SerializationException} that says why.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private Class<?> targetType;

    /** For creation by class name; {@link #configure} must follow. */
    public SpecificAvroDeserializer() {
    }

    /** Uses this client whatever {@code schema.registry.url} says; still call {@link #configure} (or use the 3-arg form). */
    public SpecificAvroDeserializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** Ready to use: reads into {@code targetType} (null: the class named like the writer schema). */
    public SpecificAvroDeserializer(SchemaRegistryClient client, Class<T> targetType) {
        this.client = client;
        this.targetType = targetType;
    }

    /** Sets the client unless one was given already (the serde shares one between its two halves). */
    void useClient(SchemaRegistryClient shared) {
        if (client == null) {
            client = shared;
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeConfig config = SerdeConfig.from(configs, isKey);
        if (targetType == null) {
            targetType = config.specificType();
        }
        if (client == null) {
            client = SchemaRegistryClients.fromConfig(configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("SpecificAvroDeserializer is not configured: call configure() with schema.registry.url");
        }
        int id = WireFormat.schemaId(payload, topic);
        DatumReader<T> reader = readers.computeIfAbsent(id, i -> readerFor(i, topic));
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(payload, WireFormat.HEADER_SIZE,
                    payload.length - WireFormat.HEADER_SIZE, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not decode the Avro body (" + (payload.length - WireFormat.HEADER_SIZE)
                    + " bytes) of a record on topic '" + topic + "' with writer schema id " + id + ": " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> readerFor(int id, String topic) {
        Schema writer;
        try {
            writer = client.getById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not fetch writer schema id " + id + " for a record on topic '" + topic + "': "
                    + e.getMessage(), e);
        }
        Class<?> type = targetType != null ? targetType : SpecificData.get().getClass(writer);
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new SerializationException("No generated Avro class for writer schema " + writer.getFullName() + " (id " + id
                    + ", topic '" + topic + "') on the classpath; set " + SerdeConfig.VALUE_TYPE + " / " + SerdeConfig.KEY_TYPE);
        }
        SpecificData model = SpecificData.getForClass(type);
        Schema reader = model.getSchema(type);
        SchemaCompatibility.SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Records on topic '" + topic + "' written with schema id " + id + " ("
                    + writer.getFullName() + ") cannot be read as " + type.getName() + ": " + compatibility.getDescription());
        }
        return new SpecificDatumReader<>(writer, reader, model);
    }

    @Override
    public void close() {
        // The client may be shared (mock scopes, injected clients); nothing of ours to release.
    }
}
