package dev.timbre.platform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.platform.test.v1.Track;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.avro.AvroSchema;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import org.apache.flink.avro.shaded.org.apache.avro.generic.GenericData;
import org.apache.flink.avro.shaded.org.apache.avro.generic.GenericDatumReader;
import org.apache.flink.avro.shaded.org.apache.avro.generic.GenericDatumWriter;
import org.apache.flink.avro.shaded.org.apache.avro.generic.GenericRecord;
import org.apache.flink.avro.shaded.org.apache.avro.io.BinaryEncoder;
import org.apache.flink.avro.shaded.org.apache.avro.io.DecoderFactory;
import org.apache.flink.avro.shaded.org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ours against Confluent's own {@code CachedSchemaRegistryClient} (shaded, with its Avro, in Flink's
 * flink-sql-avro-confluent-registry jar), both talking to the real registry. The jar has no KafkaAvroSerializer,
 * so the byte-level check frames/unframes with Confluent's client ids and the shaded Avro codec.
 */
@ExtendWith(KafkaPlatformExtension.class)
class ConfluentCrossCheckIT {
    private static final Schema V1 = Track.getClassSchema();
    private static final Schema V2 = dev.timbre.platform.test.v2.Track.getClassSchema();
    private static final Schema V3 = dev.timbre.platform.test.v3.Track.getClassSchema();

    private final String url = TestPlatform.get().registryUrl();
    private final HttpSchemaRegistryClient ours = new HttpSchemaRegistryClient(url);
    private final CachedSchemaRegistryClient confluent = new CachedSchemaRegistryClient(url, 100);
    private final String subject = "xcheck-" + UUID.randomUUID() + "-value";

    @Test
    void sameIdsVersionsAndSchemasEitherWay() throws Exception {
        int oursId = ours.register(subject, V1);
        assertEquals(oursId, confluent.getId(subject, new AvroSchema(V1.toString())));
        assertEquals(V1, new Schema.Parser().parse(confluent.getSchemaById(oursId).canonicalString()));

        int confluentId = confluent.register(subject, new AvroSchema(V2.toString()));
        assertEquals(confluentId, ours.lookup(subject, V2).id());
        assertEquals(V2, ours.getById(confluentId));
        assertEquals(confluent.getLatestSchemaMetadata(subject).getVersion(), ours.getLatest(subject).version());
        assertEquals(confluent.getLatestSchemaMetadata(subject).getId(), ours.getLatest(subject).id());

        assertFalse(ours.isCompatible(subject, V3));
        assertEquals(confluent.testCompatibility(subject, new AvroSchema(V3.toString())), ours.isCompatible(subject, V3));
    }

    @Test
    void bytesWrittenByOursReadWithConfluentsClientAndViceVersa() throws Exception {
        Map<String, Object> config = Map.of("schema.registry.url", url);
        SpecificAvroSerializer<Track> serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);
        String topic = subject.substring(0, subject.length() - "-value".length());
        Track track = Track.newBuilder().setId("t").setTitle("Naima").setDurationSeconds(261).setAddedAt(Instant.ofEpochMilli(42)).build();
        byte[] ourBytes = serializer.serialize(topic, track);

        // Confluent side: id from the header, writer schema from Confluent's client, body through (shaded) Avro.
        int id = ByteBuffer.wrap(ourBytes, 1, 4).getInt();
        org.apache.flink.avro.shaded.org.apache.avro.Schema writer =
                (org.apache.flink.avro.shaded.org.apache.avro.Schema) confluent.getSchemaById(id).rawSchema();
        GenericRecord read = new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(ourBytes, 5, ourBytes.length - 5, null));
        assertEquals("Naima", read.get("title").toString());
        assertEquals(42L, read.get("addedAt"));

        // And back: a record encoded by the Confluent stack, under the id Confluent's client registered.
        org.apache.flink.avro.shaded.org.apache.avro.Schema v2 = new org.apache.flink.avro.shaded.org.apache.avro.Schema.Parser()
                .parse(V2.toString());
        int v2Id = confluent.register(subject, new AvroSchema(v2));
        GenericData.Record record = new GenericData.Record(v2);
        record.put("id", "c");
        record.put("title", "Giant Steps");
        record.put("durationSeconds", 286.0);
        record.put("addedAt", 7L);
        record.put("genre", "jazz");
        record.put("plays", 3L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(v2Id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v2).write(record, encoder);
        encoder.flush();

        SpecificAvroDeserializer<dev.timbre.platform.test.v2.Track> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(config, false);
        dev.timbre.platform.test.v2.Track back = deserializer.deserialize(topic, out.toByteArray());
        assertEquals("Giant Steps", back.getTitle());
        assertEquals("jazz", back.getGenre());
        assertEquals(Instant.ofEpochMilli(7), back.getAddedAt());
    }
}
