package dev.timbre.platform.serde;

import dev.timbre.platform.registry.RegisteredSchema;
import dev.timbre.platform.registry.SchemaNotFoundException;
import dev.timbre.platform.registry.SchemaRegistryClient;
import dev.timbre.platform.registry.SchemaRegistryClients;
import dev.timbre.platform.registry.SchemaRegistryException;
import dev.timbre.platform.registry.SubjectNotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records in Confluent's wire format (see {@link WireFormat}). Configured with Confluent's
 * keys ({@code schema.registry.url}, {@code auto.register.schemas}, {@code use.latest.version},
 * {@code value.subject.name.strategy} ...), so Kafka, Micronaut Kafka and Kafka Streams can create it by class name.
 * Thread-safe, as a producer's serializer must be. A null record (tombstone) serializes to null.
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private static final int MAX_SCHEMAS_PER_SUBJECT = 1000;
    private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
    private final Map<Schema, Map<Schema, String>> latestIncompatibility = new ConcurrentHashMap<>();
    /**
     * subject → schema → id for registered/looked-up schemas (ids never change), so the hot path is two hash
     * lookups on objects whose hash Avro caches, whatever client is behind. Not used for use.latest.version.
     */
    private final Map<String, Map<Schema, Integer>> ids = new ConcurrentHashMap<>();
    private SchemaRegistryClient client;
    private SerdeConfig config;
    private boolean isKey;

    /** For creation by class name; {@link #configure} must follow. */
    public SpecificAvroSerializer() {
    }

    /** Uses this client whatever {@code schema.registry.url} says (tests, shared clients); still call {@link #configure}. */
    public SpecificAvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** Ready to use: the client plus the other settings from {@code configs}. */
    public SpecificAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        this.client = client;
        configure(configs, isKey);
    }

    /** Sets the client unless one was given already (the serde shares one between its two halves). */
    void useClient(SchemaRegistryClient shared) {
        if (client == null) {
            client = shared;
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        this.config = SerdeConfig.from(configs, isKey);
        if (client == null) {
            client = SchemaRegistryClients.fromConfig(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (config == null) {
            if (client == null) {
                throw new SerializationException("SpecificAvroSerializer is not configured: call configure() with schema.registry.url");
            }
            config = SerdeConfig.from(Map.of(), isKey);
        }
        Schema schema = record.getSchema();
        String subject = config.subjectNameStrategy().subjectName(topic, isKey, schema);
        int id;
        Schema writerSchema = schema;
        try {
            if (config.useLatestVersion()) {
                RegisteredSchema latest = client.getLatest(subject);
                id = latest.id();
                writerSchema = latest.schema();
            } else {
                Map<Schema, Integer> bySchema = ids.computeIfAbsent(subject, k -> new ConcurrentHashMap<>());
                Integer known = bySchema.get(schema);
                if (known == null) {
                    known = config.autoRegister() ? client.register(subject, schema) : client.lookup(subject, schema).id();
                    if (bySchema.size() < MAX_SCHEMAS_PER_SUBJECT) {
                        bySchema.put(schema, known);
                    }
                }
                id = known;
            }
        } catch (SubjectNotFoundException | SchemaNotFoundException e) {
            throw new SerializationException("Schema " + schema.getFullName() + " is not registered under subject '" + subject
                    + "' (topic '" + topic + "') and " + (config.useLatestVersion() ? "use.latest.version=true" : "auto.register.schemas=false")
                    + ": register it first. " + e.getMessage(), e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not get a schema id for " + schema.getFullName() + " under subject '" + subject
                    + "' (topic '" + topic + "'): " + e.getMessage(), e);
        }
        try {
            Object datum = record;
            if (!writerSchema.equals(schema)) {
                datum = convert(record, schema, writerSchema, subject);
            }
            return frame(id, datum, writerSchema);
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("Could not encode " + schema.getFullName() + " for topic '" + topic + "': " + e, e);
        }
    }

    private byte[] frame(int id, Object datum, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
        WireFormat.writeHeader(header, id);
        out.write(header.array());
        // buffered, not direct: the direct encoder writes every float as its own 4-byte (synchronized)
        // ByteArrayOutputStream.write, which was most of a 73 KB WindowFeatures' encoding time
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer(schema, datum).write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private DatumWriter<Object> writer(Schema schema, Object datum) {
        return datum instanceof SpecificRecord
                ? specificWriters.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForClass(datum.getClass())))
                : genericWriters.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, GenericData.get()));
    }

    /**
     * use.latest.version with a record of another schema: let Avro's schema resolution carry the record over to the
     * latest schema (fields by name, defaults for new ones), so the id written matches the bytes.
     */
    private Object convert(T record, Schema own, Schema latest, String subject) throws IOException {
        String problem = latestIncompatibility.computeIfAbsent(own, k -> new ConcurrentHashMap<>()).computeIfAbsent(latest, l -> {
            SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(l, own);
            return result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE ? "" : result.getDescription();
        });
        if (!problem.isEmpty()) {
            throw new SerializationException("use.latest.version: the latest schema of subject '" + subject + "' cannot represent a "
                    + own.getFullName() + " record: " + problem);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer(own, record).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<>(own, latest, GenericData.get()).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    @Override
    public void close() {
        // The client may be shared (mock scopes, injected clients); nothing of ours to release.
    }
}
