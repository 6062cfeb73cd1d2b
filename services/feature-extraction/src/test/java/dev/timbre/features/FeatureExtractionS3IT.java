package dev.timbre.features;

import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.blob.BlobKeys;
import dev.timbre.blob.StoredBlob;
import dev.timbre.blob.micronaut.BlobStoreHealthIndicator;
import dev.timbre.blob.s3.S3BlobStore;
import dev.timbre.blob.s3.S3Settings;
import dev.timbre.infra.s3.LocalS3;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.infra.testing.TestS3;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
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

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service reading {@code s3://} audio from a real S3 API server (S3Proxy) and the real broker: songs stored the
 * way ingest stores them become FEATURES; a missing object is dead-lettered with the reason and the next song is
 * still processed; with wrong credentials readiness is DOWN and songs are retried, never dead-lettered.
 */
@ExtendWith(KafkaPlatformExtension.class)
class FeatureExtractionS3IT {

    @Test
    void s3SongsBecomeFeaturesAndAMissingObjectIsDeadLettered() throws Exception {
        LocalS3 s3 = TestS3.get();
        String bucket = TestS3.newBucket("features-it");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String first = "s3a-" + run;
        String missing = "s3m-" + run;
        String second = "s3b-" + run;
        S3Settings settings = settings(s3, bucket, s3.secretKey());
        List<SongRegistered> songs = new ArrayList<>();
        try (S3BlobStore writer = new S3BlobStore(settings)) {
            songs.add(registered(first, store(writer, first, "jazz", 7.0), "audio/wav"));
            songs.add(registered(missing, writer.uriOf(BlobKeys.song(missing)).toString(), "audio/wav"));
            songs.add(registered(second, store(writer, second, "metal", 4.0), "audio/wav"));
        }

        try (ApplicationContext app = ApplicationContext.run(props(s3, bucket, s3.secretKey(), run));
             KafkaProducer<String, SpecificRecord> producer = producer();
             KafkaConsumer<String, SpecificRecord> outputs = consumer(run)) {
            EmbeddedServer server = app.getBean(EmbeddedServer.class).start();
            String readiness = HttpClient.create(server.getURL()).toBlocking().retrieve("/health/readiness");
            assertTrue(readiness.contains("\"status\":\"UP\""), readiness);
            outputs.subscribe(List.of(Topics.AUDIO_FEATURES, Topics.SONG_STATUS, Topics.deadLetterOf(Topics.SONGS_REGISTERED)));
            for (SongRegistered song : songs) {
                producer.send(new ProducerRecord<>(Topics.SONGS_REGISTERED, song.getSongId(), song)).get();
            }

            Map<String, Set<Integer>> windows = new HashMap<>();
            Map<String, SongStatus> statuses = new HashMap<>();
            List<DeadLetter> deadLetters = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && !(statuses.size() == 3 && !deadLetters.isEmpty())) {
                for (ConsumerRecord<String, SpecificRecord> r : outputs.poll(Duration.ofMillis(500))) {
                    if (r.value() instanceof WindowFeatures w && w.getSongId().endsWith(run)) {
                        windows.computeIfAbsent(w.getSongId(), k -> new HashSet<>()).add(w.getWindowIndex());
                    } else if (r.value() instanceof SongStatus s && s.getSongId().endsWith(run)) {
                        statuses.put(s.getSongId(), s);
                    } else if (r.value() instanceof DeadLetter d && missing.equals(r.key())) {
                        deadLetters.add(d);
                    }
                }
            }
            assertEquals(Set.of(0, 1), windows.get(first), "7 s -> 2 windows");
            assertEquals(Set.of(0), windows.get(second), "4 s -> 1 window, after the missing song: the service went on");
            assertEquals(SongStage.FEATURES, statuses.get(first).getStage());
            assertEquals(SongStage.FEATURES, statuses.get(second).getStage());
            assertEquals(SongStage.FAILED, statuses.get(missing).getStage());
            String reason = "audio not found at s3://" + bucket + "/timbre/songs/" + missing.substring(0, 2) + "/" + missing;
            assertEquals(reason, statuses.get(missing).getDetail());
            assertEquals(1, deadLetters.size());
            assertEquals(reason, deadLetters.get(0).getReason());
            assertEquals(Topics.SONGS_REGISTERED, deadLetters.get(0).getSourceTopic());
        }
    }

    @Test
    void wrongCredentialsMeanReadinessDownAndSongsWaitInsteadOfFailing() throws Exception {
        LocalS3 s3 = TestS3.get();
        String bucket = TestS3.newBucket("features-badkey");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String songId = "s3w-" + run;
        SongRegistered song;
        try (S3BlobStore writer = new S3BlobStore(settings(s3, bucket, s3.secretKey()))) {
            song = registered(songId, store(writer, songId, "pop", 3.5), "audio/wav");
        }
        try (ApplicationContext app = ApplicationContext.run(props(s3, bucket, "wrong-secret", run));
             KafkaProducer<String, SpecificRecord> producer = producer();
             KafkaConsumer<String, SpecificRecord> outputs = consumer(run)) {
            EmbeddedServer server = app.getBean(EmbeddedServer.class).start();
            HttpClientResponseException down = assertThrows(HttpClientResponseException.class,
                    () -> HttpClient.create(server.getURL()).toBlocking().retrieve("/health/readiness"));
            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, down.getStatus());
            String problem = app.getBean(BlobStoreHealthIndicator.class).problem();
            assertTrue(problem.startsWith("S3 refused the credentials for bucket '" + bucket + "'"), problem);

            outputs.subscribe(List.of(Topics.SONG_STATUS, Topics.deadLetterOf(Topics.SONGS_REGISTERED)));
            producer.send(new ProducerRecord<>(Topics.SONGS_REGISTERED, songId, song)).get();
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, SpecificRecord> r : outputs.poll(Duration.ofMillis(300))) {
                    assertTrue(!songId.equals(r.key()), "the song must wait for the store, not fail: " + r.value());
                }
            }
        }
    }

    private static String store(S3BlobStore writer, String songId, String genre, double seconds) throws Exception {
        byte[] wav = WavWriter.toBytes(SyntheticGenres.render(genre, songId.hashCode(), seconds), SyntheticGenres.SAMPLE_RATE);
        StoredBlob blob = writer.put(BlobKeys.song(songId), new ByteArrayInputStream(wav), 10_000_000, "audio/wav");
        return blob.uri().toString();
    }

    private static S3Settings settings(LocalS3 s3, String bucket, String secret) {
        return S3Settings.of(bucket).withPrefix("timbre").withEndpoint(URI.create(s3.endpoint()), true)
                .withCredentials(s3.accessKey(), secret);
    }

    private static Map<String, Object> props(LocalS3 s3, String bucket, String secret, String run) {
        TestPlatform platform = TestPlatform.get();
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("kafka.bootstrap.servers", platform.bootstrapServers());
        props.put("schema.registry.url", platform.registryUrl());
        props.put("timbre.features.group-id", "it-features-s3-" + run);
        props.put("timbre.blob.store", "s3");
        props.put("timbre.blob.s3.bucket", bucket);
        props.put("timbre.blob.s3.prefix", "timbre");
        props.put("timbre.blob.s3.endpoint", s3.endpoint());
        props.put("timbre.blob.s3.path-style", true);
        props.put("timbre.blob.s3.access-key-id", s3.accessKey());
        props.put("timbre.blob.s3.secret-access-key", secret);
        return props;
    }

    private static SongRegistered registered(String songId, String uri, String contentType) {
        return SongRegistered.newBuilder().setSongId(songId).setTitle(songId).setArtist("it")
                .setAudioUri(uri).setContentType(contentType).setSizeBytes(1).setReceivedAt(Instant.now()).build();
    }

    private static KafkaProducer<String, SpecificRecord> producer() {
        TestPlatform platform = TestPlatform.get();
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
        return new KafkaProducer<>(Map.of("bootstrap.servers", platform.bootstrapServers()), new StringSerializer(), values);
    }

    private static KafkaConsumer<String, SpecificRecord> consumer(String run) {
        TestPlatform platform = TestPlatform.get();
        SpecificAvroDeserializer<SpecificRecord> values = new SpecificAvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", platform.registryUrl(), "specific.avro.reader", true), false);
        return new KafkaConsumer<>(Map.of(
                "bootstrap.servers", platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-s3-reader-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), values);
    }
}
