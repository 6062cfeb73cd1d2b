package dev.timbre.ingest;

import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.blob.s3.S3BlobStore;
import dev.timbre.blob.s3.S3Settings;
import dev.timbre.infra.s3.LocalS3;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.infra.testing.TestS3;
import dev.timbre.schema.Topics;
import dev.timbre.schema.song.SongRegistered;
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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingest with {@code timbre.blob.store=s3} against a real S3 API server (S3Proxy) and the real broker: the upload
 * lands in the bucket under the prefix with its content type and checksum, and {@code SongRegistered} carries the
 * {@code s3://} URI. With wrong credentials the service starts, says why at startup, reports readiness DOWN and
 * refuses uploads with 503 without publishing anything.
 */
@ExtendWith(KafkaPlatformExtension.class)
class IngestS3IT {
    private static final String ADMIN = "it-s3-admin-key-01";

    @Test
    void uploadsGoToTheBucketAndTheUriToKafka() throws Exception {
        LocalS3 s3 = TestS3.get();
        String bucket = TestS3.newBucket("ingest-it");
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ApplicationContext app = ApplicationContext.run(props(s3, bucket, s3.secretKey()));
             KafkaConsumer<String, SpecificRecord> reader = IngestIT.consumer(TestPlatform.get(), run)) {
            BlockingHttpClient http = client(app);
            reader.subscribe(List.of(Topics.SONGS_REGISTERED));
            String readiness = http.retrieve(HttpRequest.GET("/health/readiness"), String.class);
            assertTrue(readiness.contains("\"status\":\"UP\""), readiness);

            byte[] wav = WavWriter.toBytes(SyntheticGenres.render("jazz", 3, 4.0), SyntheticGenres.SAMPLE_RATE);
            HttpResponse<Map> uploaded = http.exchange(upload(wav, "S3 Jazz " + run), Map.class);
            assertEquals(HttpStatus.ACCEPTED, uploaded.getStatus());
            String songId = (String) uploaded.body().get("songId");
            String objectKey = "timbre/songs/" + songId.substring(0, 2) + "/" + songId;
            assertEquals("s3://" + bucket + "/" + objectKey, uploaded.body().get("audioUri"));

            SongRegistered registered = (SongRegistered) IngestIT.await(reader,
                    r -> r.value() instanceof SongRegistered s && s.getSongId().equals(songId)).value();
            assertEquals("s3://" + bucket + "/" + objectKey, registered.getAudioUri());
            assertEquals("audio/wav", registered.getContentType());

            S3Settings settings = S3Settings.of(bucket).withEndpoint(URI.create(s3.endpoint()), true)
                    .withCredentials(s3.accessKey(), s3.secretKey());
            try (S3Client raw = S3BlobStore.newClient(settings)) {
                HeadObjectResponse head = raw.headObject(b -> b.bucket(bucket).key(objectKey));
                assertEquals("audio/wav", head.contentType());
                assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(wav)),
                        head.metadata().get("sha256"));
                assertArrayEquals(wav, raw.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey)).asByteArray());
            }

            // not audio: refused before anything reaches the bucket
            HttpClientResponseException notAudio = assertThrows(HttpClientResponseException.class,
                    () -> http.exchange(upload("just text, no audio".getBytes(), "Text " + run), Map.class));
            assertEquals(HttpStatus.UNSUPPORTED_MEDIA_TYPE, notAudio.getStatus());
            try (S3Client raw = S3BlobStore.newClient(settings)) {
                // (the filesystem backend also lists its folders, as keys ending in '/')
                assertEquals(List.of(objectKey), raw.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                        .map(o -> o.key()).filter(k -> !k.endsWith("/")).toList(), "only the accepted song is stored");
            }
        }
    }

    @Test
    void wrongCredentialsAreAClearErrorAtStartupWithReadinessDown() throws Exception {
        LocalS3 s3 = TestS3.get();
        String bucket = TestS3.newBucket("ingest-badkey");
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ApplicationContext app = ApplicationContext.run(props(s3, bucket, "wrong-secret"));
             KafkaConsumer<String, SpecificRecord> reader = IngestIT.consumer(TestPlatform.get(), run)) {
            BlockingHttpClient http = client(app);
            reader.subscribe(List.of(Topics.SONGS_REGISTERED));

            HttpClientResponseException down = assertThrows(HttpClientResponseException.class,
                    () -> http.retrieve(HttpRequest.GET("/health/readiness"), String.class));
            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, down.getStatus());
            String body = down.getResponse().getBody(String.class).orElse("");
            assertTrue(body.contains("\"status\":\"DOWN\""), body);
            dev.timbre.blob.micronaut.BlobStoreHealthIndicator indicator =
                    app.getBean(dev.timbre.blob.micronaut.BlobStoreHealthIndicator.class);
            assertTrue(indicator.problem().startsWith("S3 refused the credentials for bucket '" + bucket + "'"),
                    indicator.problem());
            assertEquals(HttpStatus.OK, http.exchange(HttpRequest.GET("/health/liveness"), String.class).getStatus(),
                    "alive: a bad Secret must not crash-loop the pod");

            byte[] wav = WavWriter.toBytes(SyntheticGenres.render("rock", 1, 3.0), SyntheticGenres.SAMPLE_RATE);
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                    () -> http.exchange(upload(wav, "Refused " + run), Map.class));
            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, refused.getStatus());
            String error = refused.getResponse().getBody(String.class).orElse("");
            assertTrue(error.contains("store_unavailable") && error.contains("HTTP 403"), error);
            long until = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < until) {
                reader.poll(java.time.Duration.ofMillis(200)).forEach(r -> assertTrue(
                        !(r.value() instanceof SongRegistered s) || !s.getTitle().equals("Refused " + run),
                        "a song the store refused must not be published"));
            }
        }
    }

    private static Map<String, Object> props(LocalS3 s3, String bucket, String secret) {
        TestPlatform platform = TestPlatform.get();
        Map<String, Object> props = IngestIT.appProperties(platform, ADMIN + "=admin:ADMIN");
        props.put("timbre.blob.store", "s3");
        props.put("timbre.blob.s3.bucket", bucket);
        props.put("timbre.blob.s3.prefix", "timbre");
        props.put("timbre.blob.s3.endpoint", s3.endpoint());
        props.put("timbre.blob.s3.path-style", true);
        props.put("timbre.blob.s3.access-key-id", s3.accessKey());
        props.put("timbre.blob.s3.secret-access-key", secret);
        return props;
    }

    private static BlockingHttpClient client(ApplicationContext app) {
        EmbeddedServer server = app.getBean(EmbeddedServer.class).start();
        return HttpClient.create(server.getURL()).toBlocking();
    }

    private static HttpRequest<MultipartBody> upload(byte[] content, String title) {
        MultipartBody body = MultipartBody.builder()
                .addPart("file", "song.wav", MediaType.APPLICATION_OCTET_STREAM_TYPE, content)
                .addPart("title", title).addPart("artist", "IT").build();
        return HttpRequest.POST("/songs", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE).bearerAuth(ADMIN);
    }
}
