package dev.timbre.ingest;

import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.ingest.metadata.TaggedAudio;
import dev.timbre.platform.registry.HttpSchemaRegistryClient;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jaudiotagger.tag.FieldKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code SongRegistered} v2 (optional artist, tag fields) against the real registry: BACKWARD compatible with the
 * schema every earlier release registered (kept in test resources), v1 records still read; and tagged uploads,
 * hostile ones included, through a real broker.
 */
@ExtendWith(KafkaPlatformExtension.class)
class TaggedUploadIT {
    private static final String ADMIN = "it-tag-admin-key-1";

    @TempDir
    Path dir;

    static Schema v1() throws IOException {
        try (InputStream in = TaggedUploadIT.class.getResourceAsStream("/avro-history/SongRegistered-v1.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    @Test
    void songRegisteredV2IsBackwardCompatibleWithV1InTheRealRegistryAndReadsV1Records() throws IOException {
        TestPlatform platform = TestPlatform.get();
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(platform.registryUrl());
        String subject = "evolution-" + UUID.randomUUID() + "-value";
        Schema v1 = v1();
        Schema v2 = SongRegistered.getClassSchema();
        int v1Id = registry.register(subject, v1);
        assertTrue(registry.isCompatible(subject, v2), "v2 must be BACKWARD compatible with v1");
        int v2Id = registry.register(subject, v2);
        assertEquals(2, registry.getLatest(subject).version());
        assertTrue(v2Id != v1Id);

        // a record written by a v1 producer, in the Confluent wire format, read by today's consumer
        GenericRecord old = new GenericData.Record(v1);
        old.put("songId", "old-1");
        old.put("title", "Old Song");
        old.put("artist", "Old Artist");
        old.put("audioUri", "file:///old");
        old.put("contentType", "audio/wav");
        old.put("sizeBytes", 10L);
        old.put("receivedAt", 1_700_000_000_000L);
        old.put("source", new GenericData.EnumSymbol(v1.getField("source").schema(), "UPLOAD"));
        old.put("album", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(v1Id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
        encoder.flush();
        SpecificAvroDeserializer<SpecificRecord> values = new SpecificAvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", platform.registryUrl(), "specific.avro.reader", true), false);
        SongRegistered read = (SongRegistered) values.deserialize("songs.registered", out.toByteArray());
        assertEquals("Old Artist", read.getArtist());
        assertEquals(SongSource.UPLOAD, read.getSource());
        assertNull(read.getYear());
        assertNull(read.getDurationMillis());
        assertNull(read.getTitleFrom());
    }

    @Test
    void taggedAndHostileUploadsThroughARealBroker() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> props = IngestIT.appProperties(platform, ADMIN + "=admin:ADMIN");
        props.put("timbre.blob.root", dir.resolve("blobs").toString());

        Path tagged = TaggedAudio.file(dir, "01 - ignored name", "flac", TaggedAudio.standardTags("Freddie " + run, "Miles Davis"));
        Path hostile = TaggedAudio.file(dir, "hostile", "mp3", Map.of(
                FieldKey.TITLE, "H".repeat(300_000), FieldKey.COMMENT, "c".repeat(10 * 1024 * 1024),
                FieldKey.ARTIST, "\u0000\u0001\u0002\u0003\u0004\u0005\u0006binary", FieldKey.GENRE, "(9)"));
        Path untagged = TaggedAudio.file(dir, "Blue_in_Green", "wav", Map.of());

        try (ApplicationContext app = ApplicationContext.run(props);
             KafkaConsumer<String, SpecificRecord> reader = IngestIT.consumer(platform, run)) {
            EmbeddedServer server = app.getBean(EmbeddedServer.class).start();
            HttpClient client = HttpClient.create(server.getURL());
            BlockingHttpClient http = client.toBlocking();
            reader.subscribe(List.of(dev.timbre.schema.Topics.SONGS_REGISTERED));

            Map<?, ?> first = upload(http, tagged, Map.of());
            assertEquals("Freddie " + run, first.get("title"));
            assertEquals("tags", first.get("titleFrom"));
            SongRegistered fromTags = registered(reader, (String) first.get("songId"));
            assertEquals("Miles Davis", fromTags.getArtist());
            assertEquals("Kind of Test", fromTags.getAlbum());
            assertEquals(1959, fromTags.getYear());
            assertEquals(3, fromTags.getTrackNumber());
            assertEquals("Jazz", fromTags.getGenreTag());
            assertTrue(Math.abs(fromTags.getDurationMillis() - 3000) < 150, "duration " + fromTags.getDurationMillis());

            Map<?, ?> overridden = upload(http, tagged, Map.of("title", "My Title", "artist", "Me"));
            SongRegistered mine = registered(reader, (String) overridden.get("songId"));
            assertEquals("My Title", mine.getTitle());
            assertEquals("Me", mine.getArtist());
            assertEquals("Kind of Test", mine.getAlbum(), "the tags fill what the upload leaves out");

            Map<?, ?> bad = upload(http, hostile, Map.of());
            SongRegistered hostileSong = registered(reader, (String) bad.get("songId"));
            assertEquals(200, hostileSong.getTitle().codePointCount(0, hostileSong.getTitle().length()));
            assertTrue(hostileSong.getTitle().startsWith("HHHH"));
            assertNull(hostileSong.getArtist(), "binary junk is ignored: unknown artist");
            assertEquals("Metal", hostileSong.getGenreTag(), "ID3v1 genre 9 by name");
            assertTrue(hostileSong.getSizeBytes() > 10 * 1024 * 1024, "the whole file was stored");

            Map<?, ?> plain = upload(http, untagged, Map.of());
            SongRegistered fromName = registered(reader, (String) plain.get("songId"));
            assertEquals("Blue in Green", fromName.getTitle());
            assertEquals("file-name", fromName.getTitleFrom());
            assertNull(fromName.getArtist());

            String catalog = http.retrieve(HttpRequest.GET("/songs").bearerAuth(ADMIN), String.class);
            assertTrue(catalog.contains("\"artist\":\"Miles Davis\"") && catalog.contains("\"year\":1959"), catalog);
            client.close();
        }
    }

    private static Map<?, ?> upload(BlockingHttpClient http, Path file, Map<String, String> fields) throws IOException {
        MultipartBody.Builder body = MultipartBody.builder()
                .addPart("file", file.getFileName().toString(), MediaType.APPLICATION_OCTET_STREAM_TYPE, Files.readAllBytes(file));
        fields.forEach(body::addPart);
        HttpResponse<Map> response = http.exchange(HttpRequest.POST("/songs", body.build())
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(ADMIN), Map.class);
        assertEquals(HttpStatus.ACCEPTED, response.getStatus());
        return response.body();
    }

    private static SongRegistered registered(KafkaConsumer<String, SpecificRecord> reader, String songId) {
        return (SongRegistered) IngestIT.await(reader,
                r -> r.value() instanceof SongRegistered s && s.getSongId().equals(songId)).value();
    }
}
