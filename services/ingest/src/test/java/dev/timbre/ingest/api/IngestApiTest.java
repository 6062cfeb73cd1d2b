package dev.timbre.ingest.api;

import com.sun.net.httpserver.HttpServer;
import dev.timbre.audio.io.WavWriter;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongSource;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.context.RuntimeBeanDefinition;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP edge with a real server, real blob store and real Avro serialisation (in-memory registry); only
 * the Kafka producer is a {@link MockProducer}, so every published record can be inspected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestApiTest {
    static final String ADMIN = "test-admin-key";
    static final String ALICE = "test-alice-key";
    static final String BOB = "test-bob-key";
    static final long LIMIT = 300_000;
    static final String SERVICE_TOKEN = "service-token-for-ingest-api-test";

    private ApplicationContext context;
    private MockProducer<String, SpecificRecord> kafka;
    /** Makes only writes to song.status fail, as when that topic's leader is unavailable. */
    private volatile boolean statusWritesFail;
    private BlockingHttpClient http;
    private HttpClient client;
    private Path blobRoot;
    private HttpServer recommendations;

    @BeforeAll
    void start() throws IOException {
        blobRoot = Files.createTempDirectory("ingest-blobs");
        recommendations = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        recommendations.createContext("/users/", exchange -> {
            if (!("Bearer " + SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    || exchange.getRequestHeaders().getFirst("X-Request-Id") == null) {
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            byte[] body = ("{\"userId\":\"" + exchange.getRequestURI().getPath().split("/")[2] + "\",\"items\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        recommendations.createContext("/songs/", exchange -> {
            boolean authorised = ("Bearer " + SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            String path = exchange.getRequestURI().getPath();
            byte[] body = ("{\"songId\":\"" + path.split("/")[2] + "\",\"query\":\"" + exchange.getRequestURI().getQuery()
                    + "\",\"items\":[]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorised && path.endsWith("/similar") ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        recommendations.start();

        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", "mock://ingest-api-test"), false);
        kafka = new MockProducer<>(true, new StringSerializer(), values) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, SpecificRecord> record, Callback callback) {
                if (statusWritesFail && Topics.SONG_STATUS.equals(record.topic())) {
                    TimeoutException down = new TimeoutException("broker down for song.status");
                    if (callback != null) {
                        callback.onCompletion(null, down);
                    }
                    return CompletableFuture.failedFuture(down);
                }
                return super.send(record, callback);
            }
        };

        context = ApplicationContext.builder()
                .properties(Map.ofEntries(
                        Map.entry("micronaut.server.port", -1),
                        Map.entry("kafka.bootstrap.servers", "localhost:1"),
                        Map.entry("schema.registry.url", "mock://ingest-api-test"),
                        Map.entry("timbre.kafka.producer.enabled", "false"),
                        Map.entry("timbre.kafka.ack-timeout", "2s"),
                        Map.entry("timbre.catalog.feed.enabled", "false"),
                        Map.entry("timbre.live.feed.enabled", "false"),
                        Map.entry("timbre.security.api-keys", ADMIN + "=admin:ADMIN," + ALICE + "=alice:USER," + BOB + "=bob:USER"),
                        Map.entry("timbre.blob.root", blobRoot.toString()),
                        Map.entry("timbre.service-auth.tokens", SERVICE_TOKEN + ",older-token-still-accepted-by-servers"),
                        Map.entry("timbre.ingest.max-upload-bytes", LIMIT),
                        Map.entry("timbre.ingest.max-request-bytes", 2 * LIMIT),
                        Map.entry("timbre.ingest.allowed-roots", blobRoot.getParent().toString()),
                        Map.entry("timbre.ingest.recommendation-url", "http://127.0.0.1:" + recommendations.getAddress().getPort())))
                .build();
        MockProducer<String, SpecificRecord> producer = kafka;
        context.registerBeanDefinition(RuntimeBeanDefinition.builder(
                        Argument.of(Producer.class, String.class, SpecificRecord.class), () -> producer)
                .named("ingest").singleton(true).build());
        context.start();
        // events must name a registered song: the ones the tests use
        for (String song : List.of("s", "song-9")) {
            context.getBean(dev.timbre.ingest.status.SongCatalog.class).onRegistered(SongRegistered.newBuilder()
                    .setSongId(song).setTitle("t").setArtist("a").setAlbum(null).setAudioUri("file:///x").setContentType("audio/wav")
                    .setSizeBytes(1).setReceivedAt(java.time.Instant.now()).setSource(SongSource.UPLOAD).build());
        }
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        client = HttpClient.create(server.getURL());
        http = client.toBlocking();
    }

    @AfterAll
    void stop() {
        client.close();
        context.close();
        recommendations.stop(0);
    }

    @BeforeEach
    void clearKafka() {
        kafka.clear();
        kafka.sendException = null;
        statusWritesFail = false;
    }

    static byte[] wav(double seconds) {
        float[] samples = new float[(int) (seconds * 22_050)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 22_050.0));
        }
        return WavWriter.toBytes(samples, 22_050);
    }

    private static MultipartBody upload(byte[] file, String filename, String title, String artist) {
        MultipartBody.Builder body = MultipartBody.builder().addPart("file", filename, MediaType.APPLICATION_OCTET_STREAM_TYPE, file);
        if (title != null) {
            body.addPart("title", title);
        }
        if (artist != null) {
            body.addPart("artist", artist);
        }
        return body.build();
    }

    private static <T> MutableHttpRequest<T> withKey(MutableHttpRequest<T> request, String key) {
        return key == null ? request : request.bearerAuth(key);
    }

    private HttpClientResponseException failure(MutableHttpRequest<?> request) {
        try {
            HttpResponse<String> ok = http.exchange(request, String.class);
            throw new AssertionError("expected an error, got " + ok.getStatus() + " " + ok.body());
        } catch (HttpClientResponseException e) {
            return e;
        }
    }

    /** The platform's one shape: {status, error, message, requestId}, the id also in X-Request-Id. */
    private static void assertError(HttpClientResponseException e, HttpStatus status, String code) {
        assertEquals(status, e.getStatus(), () -> e.getResponse().getBody(String.class).orElse(""));
        String body = e.getResponse().getBody(String.class).orElse("");
        dev.timbre.platform.http.ApiError error = dev.timbre.platform.http.ApiError.parse(body)
                .orElseThrow(() -> new AssertionError("not the error shape: " + body));
        assertEquals(status.getCode(), error.status(), body);
        assertEquals(code, error.error(), body);
        assertTrue(!error.message().isBlank(), body);
        assertEquals(e.getResponse().getHeaders().get("X-Request-Id"), error.requestId(), body);
        assertTrue(body.startsWith("{\"status\":"), body);
    }

    @Test
    void eventsForUnknownSongsAre404AndNothingIsPublished() {
        assertError(failure(withKey(HttpRequest.POST("/users/alice/events", Map.of("songId", "no-such-song", "type", "liked")), ALICE)),
                HttpStatus.NOT_FOUND, "unknown_song");
        dev.timbre.ingest.status.SongCatalog catalog = context.getBean(dev.timbre.ingest.status.SongCatalog.class);
        catalog.loading();
        try {
            assertError(failure(withKey(HttpRequest.POST("/users/alice/events", Map.of("songId", "no-such-song", "type", "liked")), ALICE)),
                    HttpStatus.SERVICE_UNAVAILABLE, "catalog_loading");
            assertEquals(HttpStatus.ACCEPTED, http.exchange(withKey(HttpRequest.POST("/users/alice/events",
                    Map.of("songId", "s", "type", "liked")), ALICE), Map.class).getStatus(), "known songs are accepted while loading");
        } finally {
            catalog.markReady();
        }
        assertEquals(1, kafka.history().size());
    }

    @Test
    void frameworkErrorsUseTheSameShape() {
        assertError(failure(withKey(HttpRequest.POST("/users/alice/events", "{\"songId\": \"s\", \"type\": liked}")
                .contentType(MediaType.APPLICATION_JSON_TYPE), ALICE)), HttpStatus.BAD_REQUEST, "malformed_json");
        assertError(failure(withKey(HttpRequest.GET("/no/such/route"), ALICE)), HttpStatus.NOT_FOUND, "not_found");
        assertError(failure(withKey(HttpRequest.DELETE("/songs"), ADMIN)), HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed");
        assertError(failure(withKey(HttpRequest.POST("/users/alice/events", "songId=s")
                .contentType(MediaType.TEXT_PLAIN_TYPE), ALICE)), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media");
        assertTrue(kafka.history().isEmpty());
    }

    @Test
    void adminUploadStoresTheBlobAndPublishesRegisteredThenStatus() throws Exception {
        byte[] audio = wav(1.5);
        HttpResponse<Map> response = http.exchange(withKey(HttpRequest.POST("/songs", upload(audio, "x.mp3", " Blue ", "Miles"))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), ADMIN), Map.class);

        assertEquals(HttpStatus.ACCEPTED, response.getStatus());
        Map<?, ?> body = response.body();
        String songId = (String) body.get("songId");
        assertEquals("audio/wav", body.get("contentType"), "sniffed from the bytes, not the .mp3 name");
        assertEquals((long) audio.length, ((Number) body.get("sizeBytes")).longValue());

        List<ProducerRecord<String, SpecificRecord>> sent = kafka.history();
        assertEquals(2, sent.size());
        assertEquals(Topics.SONGS_REGISTERED, sent.get(0).topic());
        assertEquals(songId, sent.get(0).key());
        SongRegistered registered = (SongRegistered) sent.get(0).value();
        assertEquals("Blue", registered.getTitle());
        assertEquals(SongSource.UPLOAD, registered.getSource());
        assertEquals(Topics.SONG_STATUS, sent.get(1).topic());
        assertEquals(SongStage.REGISTERED, ((SongStatus) sent.get(1).value()).getStage());
        assertArrayEquals(audio, Files.readAllBytes(Path.of(URI.create(registered.getAudioUri()))), "blob holds the upload");

        Map<?, ?> status = http.retrieve(withKey(HttpRequest.GET("/songs/" + songId + "/status"), BOB), Map.class);
        assertEquals("REGISTERED", status.get("stage"));
        String catalog = http.retrieve(withKey(HttpRequest.GET("/songs"), ALICE), String.class);
        assertTrue(catalog.contains("\"songId\":\"" + songId + "\""), catalog);
        assertTrue(catalog.contains("\"title\":\"Blue\""), catalog);
    }

    @Test
    void jsonReferenceIsCopiedIntoTheBlobStore() throws Exception {
        Path source = Files.write(blobRoot.getParent().resolve("ref-" + UUID.randomUUID() + ".wav"), wav(1.2));
        String json = "{\"songId\":\"ref-song-1\",\"title\":\"T\",\"artist\":\"A\",\"album\":\"Al\",\"source\":\"" + source.toUri() + "\"}";
        HttpResponse<Map> response = http.exchange(withKey(HttpRequest.POST("/songs", json)
                .contentType(MediaType.APPLICATION_JSON_TYPE), ADMIN), Map.class);
        assertEquals(HttpStatus.ACCEPTED, response.getStatus());
        SongRegistered registered = (SongRegistered) kafka.history().get(0).value();
        assertEquals("ref-song-1", registered.getSongId());
        assertEquals(SongSource.REFERENCE, registered.getSource());
        assertEquals("Al", registered.getAlbum());
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(Path.of(URI.create(registered.getAudioUri()))));

        assertError(failure(withKey(HttpRequest.POST("/songs", json).contentType(MediaType.APPLICATION_JSON_TYPE), ADMIN)),
                HttpStatus.CONFLICT, "conflict");
        String outside = "{\"title\":\"T\",\"artist\":\"A\",\"source\":\"file:///etc/passwd\"}";
        assertError(failure(withKey(HttpRequest.POST("/songs", outside).contentType(MediaType.APPLICATION_JSON_TYPE), ADMIN)),
                HttpStatus.FORBIDDEN, "forbidden_source");
    }

    @Test
    void remoteSourcesOnInternalAddressesAreRefusedWithoutReachingThem() {
        for (String source : List.of("https://127.0.0.1:8085/x", "https://[::1]:8085/x", "https://0x7f000001:8085/x",
                "https://169.254.169.254/latest/meta-data/", "https://localhost:8085/x")) {
            String json = "{\"title\":\"T\",\"artist\":\"A\",\"source\":\"" + source + "\"}";
            HttpClientResponseException e = failure(withKey(HttpRequest.POST("/songs", json)
                    .contentType(MediaType.APPLICATION_JSON_TYPE), ADMIN));
            assertError(e, HttpStatus.FORBIDDEN, "forbidden_source");
            String body = e.getResponse().getBody(String.class).orElse("");
            assertTrue(!body.contains("SSL") && !body.contains("null"), body);
        }
        assertTrue(kafka.history().isEmpty());
    }

    @Test
    void authenticationAndRoles() {
        MultipartBody body = upload(wav(1), "a.wav", "t", "a");
        assertEquals(HttpStatus.UNAUTHORIZED, failure(HttpRequest.POST("/songs", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE)).getStatus());
        assertEquals(HttpStatus.UNAUTHORIZED, failure(withKey(HttpRequest.POST("/songs", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE), "wrong-key-123")).getStatus());
        assertEquals(HttpStatus.FORBIDDEN, failure(withKey(HttpRequest.POST("/songs", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE), ALICE)).getStatus());
        assertEquals(HttpStatus.UNAUTHORIZED, failure(HttpRequest.GET("/songs")).getStatus());
        assertEquals(HttpStatus.FORBIDDEN, failure(withKey(HttpRequest.GET("/users/bob/recommendations"), ALICE)).getStatus());
        assertEquals(HttpStatus.FORBIDDEN, failure(withKey(HttpRequest.POST("/users/bob/events", Map.of("songId", "s", "type", "liked")), ALICE)).getStatus());
        assertTrue(kafka.history().isEmpty(), "nothing published by refused requests");
        HttpClientResponseException unauthorized = failure(HttpRequest.GET("/songs/x/status"));
        assertError(unauthorized, HttpStatus.UNAUTHORIZED, "unauthorized");
        assertEquals("Bearer", unauthorized.getResponse().getHeaders().get("WWW-Authenticate"));
        assertError(failure(withKey(HttpRequest.GET("/users/bob/recommendations"), ALICE)), HttpStatus.FORBIDDEN, "forbidden");

        // X-Api-Key works as well as the bearer header
        HttpResponse<String> ok = http.exchange(HttpRequest.GET("/songs").header("X-Api-Key", ALICE), String.class);
        assertEquals(HttpStatus.OK, ok.getStatus());
    }

    @Test
    void usersPostTheirOwnEventsAndReadTheirRecommendationsThroughTheEdge() {
        HttpResponse<Map> response = http.exchange(withKey(HttpRequest.POST("/users/alice/events",
                Map.of("songId", "song-9", "type", "listened", "listenedFraction", 0.5)), ALICE), Map.class);
        assertEquals(HttpStatus.ACCEPTED, response.getStatus());
        ProducerRecord<String, SpecificRecord> record = kafka.history().get(0);
        assertEquals(Topics.USER_EVENTS, record.topic());
        assertEquals("alice", record.key());
        UserEvent event = (UserEvent) record.value();
        assertEquals(UserEventType.LISTENED, event.getType());
        assertEquals(0.5f, event.getListenedFraction());
        assertEquals(event.getEventId(), response.body().get("eventId"));

        String recs = http.retrieve(withKey(HttpRequest.GET("/users/alice/recommendations"), ALICE), String.class);
        assertTrue(recs.contains("\"userId\":\"alice\""), recs);
        String asAdmin = http.retrieve(withKey(HttpRequest.GET("/users/bob/recommendations"), ADMIN), String.class);
        assertTrue(asAdmin.contains("\"userId\":\"bob\""), asAdmin);
    }

    @Test
    void audioIsStreamedWithRangesToAnyKeyOrAMediaToken() throws Exception {
        byte[] audio = wav(1.5);
        String songId = (String) http.exchange(withKey(HttpRequest.POST("/songs", upload(audio, "a.wav", "Play me", null))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), ADMIN), Map.class).body().get("songId");

        HttpResponse<byte[]> part = http.exchange(withKey(HttpRequest.GET("/songs/" + songId + "/audio")
                .header("Range", "bytes=10-19"), ALICE), byte[].class);
        assertEquals(HttpStatus.PARTIAL_CONTENT, part.getStatus());
        assertEquals("bytes 10-19/" + audio.length, part.header("Content-Range"));
        assertEquals("bytes", part.header("Accept-Ranges"));
        assertArrayEquals(java.util.Arrays.copyOfRange(audio, 10, 20), part.body());
        HttpResponse<byte[]> tail = http.exchange(withKey(HttpRequest.GET("/songs/" + songId + "/audio")
                .header("Range", "bytes=-4"), BOB), byte[].class);
        assertArrayEquals(java.util.Arrays.copyOfRange(audio, audio.length - 4, audio.length), tail.body());

        HttpClientResponseException beyond = failure(withKey(HttpRequest.GET("/songs/" + songId + "/audio")
                .header("Range", "bytes=" + audio.length + "-"), ALICE));
        assertError(beyond, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range_not_satisfiable");
        assertEquals("bytes */" + audio.length, beyond.getResponse().header("Content-Range"));
        assertError(failure(HttpRequest.GET("/songs/" + songId + "/audio")), HttpStatus.UNAUTHORIZED, "unauthorized");
        assertError(failure(withKey(HttpRequest.GET("/songs/no-such-song/audio"), ALICE)), HttpStatus.NOT_FOUND, "unknown_song");

        // the page's route: a short-lived token in the URL, for <audio>, <img> and EventSource
        String token = (String) http.retrieve(withKey(HttpRequest.GET("/web/token"), ALICE), Map.class).get("token");
        HttpResponse<byte[]> whole = http.exchange(HttpRequest.GET("/songs/" + songId + "/audio?access_token=" + token), byte[].class);
        assertEquals(HttpStatus.OK, whole.getStatus());
        assertEquals("audio/wav", whole.getContentType().orElseThrow().toString());
        assertArrayEquals(audio, whole.body());
        assertError(failure(HttpRequest.GET("/songs/" + songId + "/audio?access_token=" + token + "x")),
                HttpStatus.UNAUTHORIZED, "unauthorized");

        HttpResponse<byte[]> png = http.exchange(HttpRequest.GET("/songs/" + songId + "/spectrogram.png?access_token=" + token), byte[].class);
        assertEquals(HttpStatus.OK, png.getStatus());
        assertEquals("image/png", png.getContentType().orElseThrow().toString());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        assertEquals(256, image.getHeight(), "128 mel bands, 2 px each");
        assertEquals(130, image.getWidth(), "one 3 s window (a 1.5 s song is padded to one) = 130 frames");
    }

    @Test
    void mediaTokensOpenOnlyTheMediaRoutesAndStreamsFollowTheListRules() {
        String token = (String) http.retrieve(withKey(HttpRequest.GET("/web/token"), ALICE), Map.class).get("token");
        assertError(failure(HttpRequest.POST("/users/alice/events?access_token=" + token, Map.of("songId", "s", "type", "liked"))),
                HttpStatus.UNAUTHORIZED, "unauthorized");
        assertError(failure(HttpRequest.GET("/users/alice/recommendations?access_token=" + token)), HttpStatus.UNAUTHORIZED, "unauthorized");
        assertError(failure(HttpRequest.GET("/web/token?access_token=" + token)), HttpStatus.UNAUTHORIZED, "unauthorized");
        assertError(failure(HttpRequest.GET("/web/token")), HttpStatus.UNAUTHORIZED, "unauthorized");

        assertError(failure(HttpRequest.GET("/users/alice/recommendations/stream")), HttpStatus.UNAUTHORIZED, "unauthorized");
        assertError(failure(withKey(HttpRequest.GET("/users/bob/recommendations/stream"), ALICE)), HttpStatus.FORBIDDEN, "forbidden");
        assertError(failure(HttpRequest.GET("/users/bob/recommendations/stream?access_token=" + token)), HttpStatus.FORBIDDEN, "forbidden");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentListsEveryRouteTheServerHas() {
        String yaml = http.retrieve(HttpRequest.GET("/openapi.yml"), String.class);
        Map<String, Object> doc = new org.yaml.snakeyaml.Yaml().load(yaml);
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        for (String path : List.of("/songs", "/songs/{songId}/status", "/songs/{songId}/similar", "/songs/{songId}/audio",
                "/songs/{songId}/spectrogram.png", "/users/{userId}/events", "/users/{userId}/recommendations",
                "/users/{userId}/recommendations/stream", "/web/token", "/", "/openapi.yml")) {
            assertTrue(paths.containsKey(path), "documented: " + path);
        }
        // and every documented route exists (an undocumented one answers 404 not_found, a secured one 401)
        for (String path : paths.keySet()) {
            String concrete = path.replace("{songId}", "s").replace("{userId}", "alice");
            try {
                http.exchange(HttpRequest.GET(concrete), String.class);
            } catch (HttpClientResponseException e) {
                assertTrue(e.getStatus() != HttpStatus.NOT_FOUND || !"not_found".equals(
                        dev.timbre.platform.http.ApiError.parse(e.getResponse().getBody(String.class).orElse(""))
                                .map(dev.timbre.platform.http.ApiError::error).orElse("")), "route exists: " + path);
            }
        }
    }

    @Test
    void moreLikeThisIsProxiedWithTheServiceTokenForKnownSongsOnly() {
        String similar = http.retrieve(withKey(HttpRequest.GET("/songs/song-9/similar?limit=7"), ALICE), String.class);
        assertTrue(similar.contains("\"songId\":\"song-9\"") && similar.contains("\"query\":\"limit=7\""), similar);
        assertError(failure(withKey(HttpRequest.GET("/songs/never-registered/similar"), ALICE)), HttpStatus.NOT_FOUND, "unknown_song");
        assertError(failure(HttpRequest.GET("/songs/song-9/similar")), HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    void invalidRequestsGetClearJsonErrors() {
        assertError(failure(withKey(HttpRequest.POST("/songs", upload(wav(1), "a.wav", "t\u0007", "a"))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), ADMIN)), HttpStatus.BAD_REQUEST, "invalid");
        assertError(failure(withKey(HttpRequest.POST("/songs", upload("just text, not audio".getBytes(), "a.wav", "t", "a"))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), ADMIN)), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media");
        assertError(failure(withKey(HttpRequest.POST("/users/alice/events", Map.of("songId", "s", "type", "played")), ALICE)),
                HttpStatus.BAD_REQUEST, "invalid");
        assertError(failure(withKey(HttpRequest.GET("/songs/nope/status"), ALICE)), HttpStatus.NOT_FOUND, "unknown_song");
        assertTrue(kafka.history().isEmpty());
        assertEquals(0, blobCount(), "refused uploads leave no blob");
    }

    @Test
    void oversizedUploadsAre413WithJson() {
        // over the upload limit but within the request limit: refused while storing
        assertError(failure(withKey(HttpRequest.POST("/songs", upload(wav(8), "a.wav", "t", "a"))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), ADMIN)), HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large");
        // over the server's request limit: refused before reaching the controller
        assertError(failure(withKey(HttpRequest.POST("/songs", upload(wav(16), "a.wav", "t", "a"))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), ADMIN)), HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large");
        assertTrue(kafka.history().isEmpty());
        assertEquals(0, blobCount());
    }

    @Test
    void kafkaFailureIs503AndLeavesNoBlob() {
        kafka.sendException = new TimeoutException("broker down");
        assertError(failure(withKey(HttpRequest.POST("/songs", upload(wav(1), "a.wav", "t", "a"))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), ADMIN)), HttpStatus.SERVICE_UNAVAILABLE, "publish_failed");
        assertEquals(0, blobCount(), "a registration that was not published must not keep its audio");
        assertError(failure(withKey(HttpRequest.POST("/users/alice/events", Map.of("songId", "s", "type", "liked")), ALICE)),
                HttpStatus.SERVICE_UNAVAILABLE, "publish_failed");
    }

    @Test
    void aFailedStatusWriteAfterADurableRegistrationStillAcceptsTheSong() {
        statusWritesFail = true;
        HttpResponse<Map> accepted = http.exchange(withKey(HttpRequest.POST("/songs", upload(wav(1), "s.wav", "t", "a"))
                .contentType(MediaType.MULTIPART_FORM_DATA_TYPE), ADMIN), Map.class);
        assertEquals(HttpStatus.ACCEPTED, accepted.getStatus(), "the song is in Kafka: a retry would only duplicate it");
        String songId = (String) accepted.body().get("songId");
        assertEquals(1, kafka.history().stream().filter(r -> r.topic().equals(Topics.SONGS_REGISTERED)).count());
        assertTrue(kafka.history().stream().noneMatch(r -> r.topic().equals(Topics.SONG_STATUS)));
        Map<?, ?> status = http.retrieve(withKey(HttpRequest.GET("/songs/" + songId + "/status"), ADMIN), Map.class);
        assertEquals("REGISTERED", status.get("stage"), "this instance still shows the song's progress");
    }

    private long blobCount() {
        try (var files = Files.walk(blobRoot)) {
            return files.filter(Files::isRegularFile).filter(p -> p.toString().contains("/songs/")).count()
                    - registeredBlobs();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blobs of songs successfully registered by other tests in this class. */
    private long registeredBlobs() {
        return context.getBean(dev.timbre.ingest.status.SongCatalog.class).list().size();
    }
}
