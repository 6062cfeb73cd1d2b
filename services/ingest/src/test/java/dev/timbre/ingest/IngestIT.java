package dev.timbre.ingest;

import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ingest app against a real broker and registry: HTTP in, Kafka records out, status view fed from Kafka. */
@ExtendWith(KafkaPlatformExtension.class)
class IngestIT {
    private static final String ADMIN = "it-admin-key-0001";
    private static final String ALICE = "it-alice-key-0001";

    @TempDir
    Path blobs;

    /** The ingest app on a random port against the test platform, with these API keys; the blob store is the caller's. */
    static Map<String, Object> appProperties(TestPlatform platform, String apiKeys) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("kafka.bootstrap.servers", platform.bootstrapServers());
        props.put("schema.registry.url", platform.registryUrl());
        props.put("timbre.security.api-keys", apiKeys);
        return props;
    }

    @Test
    void uploadEventsAndStatusThroughARealBroker() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> props = appProperties(platform, ADMIN + "=admin:ADMIN," + ALICE + "=alice:USER");
        props.put("timbre.blob.root", blobs.toString());

        try (ApplicationContext app = ApplicationContext.run(props);
             KafkaConsumer<String, SpecificRecord> reader = consumer(platform, run);
             KafkaProducer<String, SpecificRecord> pipeline = producer(platform)) {
            EmbeddedServer server = app.getBean(EmbeddedServer.class).start();
            HttpClient client = HttpClient.create(server.getURL());
            BlockingHttpClient http = client.toBlocking();
            reader.subscribe(List.of(Topics.SONGS_REGISTERED, Topics.USER_EVENTS));

            assertEquals(HttpStatus.OK, http.exchange(HttpRequest.GET("/health"), String.class).getStatus(),
                    "health is open to probes without a key");

            // upload a generated song
            byte[] wav = WavWriter.toBytes(SyntheticGenres.render("disco", 5, 4.0), SyntheticGenres.SAMPLE_RATE);
            MultipartBody body = MultipartBody.builder()
                    .addPart("file", "disco.wav", MediaType.APPLICATION_OCTET_STREAM_TYPE, wav)
                    .addPart("title", "Night Fever " + run).addPart("artist", "IT").addPart("album", "Synthetic").build();
            HttpResponse<Map> uploaded = http.exchange(HttpRequest.POST("/songs", body)
                    .contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(ADMIN), Map.class);
            assertEquals(HttpStatus.ACCEPTED, uploaded.getStatus());
            String songId = (String) uploaded.body().get("songId");

            SongRegistered registered = (SongRegistered) await(reader,
                    r -> r.value() instanceof SongRegistered s && s.getSongId().equals(songId)).value();
            assertEquals("Night Fever " + run, registered.getTitle());
            assertEquals("Synthetic", registered.getAlbum());
            assertEquals("audio/wav", registered.getContentType());
            assertEquals(wav.length, registered.getSizeBytes());
            assertArrayEquals(wav, Files.readAllBytes(Path.of(URI.create(registered.getAudioUri()))), "audio in the blob store");

            // a user event
            HttpResponse<Map> posted = http.exchange(HttpRequest.POST("/users/alice/events",
                    Map.of("songId", songId, "type", "liked")).bearerAuth(ALICE), Map.class);
            assertEquals(HttpStatus.ACCEPTED, posted.getStatus());
            ConsumerRecord<String, SpecificRecord> eventRecord = await(reader,
                    r -> r.value() instanceof UserEvent e && e.getSongId().equals(songId));
            UserEvent event = (UserEvent) eventRecord.value();
            assertEquals("alice", eventRecord.key());
            assertEquals(UserEventType.LIKED, event.getType());
            assertEquals(posted.body().get("eventId"), event.getEventId());

            // an event for a song no one registered: 404 once the catalog feed has caught up (503 before)
            eventually(() -> {
                try {
                    http.exchange(HttpRequest.POST("/users/alice/events", Map.of("songId", "never-registered", "type", "liked"))
                            .bearerAuth(ALICE), Map.class);
                    return "accepted";
                } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
                    return String.valueOf(e.getStatus().getCode());
                }
            }, "404"::equals);

            // the status endpoint follows song.status (and the catalog song.profiles), as written by later stages
            assertEquals("REGISTERED", stageOf(http, songId));
            pipeline.send(new ProducerRecord<>(Topics.SONG_STATUS, songId, SongStatus.newBuilder().setSongId(songId)
                    .setStage(SongStage.FEATURES).setDetail("1 windows").setService("feature-extraction")
                    .setUpdatedAt(Instant.now()).build())).get();
            eventually(() -> stageOf(http, songId), "FEATURES"::equals);
            pipeline.send(new ProducerRecord<>(Topics.SONG_PROFILES, songId, SongProfile.newBuilder().setSongId(songId)
                    .setTitle("Night Fever " + run).setArtist("IT").setGenres(List.of("disco", "pop"))
                    .setGenreDistribution(List.of(0.8f, 0.2f)).setTopGenre("disco").setMeanEmbedding(List.of(0.1f))
                    .setWindowCount(1).setExpectedWindows(1).setModelVersion("it").setUpdatedAt(Instant.now()).build())).get();
            pipeline.send(new ProducerRecord<>(Topics.SONG_STATUS, songId, SongStatus.newBuilder().setSongId(songId)
                    .setStage(SongStage.CLASSIFIED).setService("classification").setUpdatedAt(Instant.now()).build())).get();
            eventually(() -> stageOf(http, songId), "CLASSIFIED"::equals);
            String catalog = http.retrieve(HttpRequest.GET("/songs").bearerAuth(ALICE), String.class);
            assertTrue(catalog.contains("\"topGenre\":\"disco\""), catalog);

            HttpClientResponseException unknown = assertThrows(HttpClientResponseException.class,
                    () -> http.retrieve(HttpRequest.GET("/songs/never-" + run + "/status").bearerAuth(ALICE)));
            assertEquals(HttpStatus.NOT_FOUND, unknown.getStatus());
            client.close();
        }
    }

    private static String stageOf(BlockingHttpClient http, String songId) {
        return String.valueOf(http.retrieve(HttpRequest.GET("/songs/" + songId + "/status").bearerAuth(ALICE), Map.class).get("stage"));
    }

    private static <T> void eventually(Supplier<T> value, Predicate<T> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (condition.test(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("condition not met within 30 s; last value: " + last);
    }

    static ConsumerRecord<String, SpecificRecord> await(KafkaConsumer<String, SpecificRecord> reader,
                                                                Predicate<ConsumerRecord<String, SpecificRecord>> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ConsumerRecord<String, SpecificRecord>> found = java.util.stream.StreamSupport
                    .stream(reader.poll(Duration.ofMillis(300)).spliterator(), false).filter(match).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new AssertionError("record not seen within 60 s");
    }

    private static KafkaProducer<String, SpecificRecord> producer(TestPlatform platform) {
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
        return new KafkaProducer<>(Map.of("bootstrap.servers", platform.bootstrapServers()), new StringSerializer(), values);
    }

    static KafkaConsumer<String, SpecificRecord> consumer(TestPlatform platform, String run) {
        SpecificAvroDeserializer<SpecificRecord> values = new SpecificAvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", platform.registryUrl(), "specific.avro.reader", true), false);
        return new KafkaConsumer<>(Map.of(
                "bootstrap.servers", platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-ingest-reader-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), values);
    }
}
