package dev.timbre.platform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.platform.test.v1.Track;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {
    private RegistryHttpServer server;
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void start() throws IOException {
        server = RegistryHttpServer.start();
        client = new HttpSchemaRegistryClient(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static final Schema V1 = Track.getClassSchema();
    private static final Schema V2 = dev.timbre.platform.test.v2.Track.getClassSchema();
    private static final Schema V3 = dev.timbre.platform.test.v3.Track.getClassSchema();

    @Test
    void speaksTheConfluentApi() {
        int id1 = client.register("tracks-value", V1);
        assertEquals(id1, client.register("tracks-value", V1), "re-registering is idempotent");
        assertEquals(V1, client.getById(id1));
        assertEquals(new RegisteredSchema("tracks-value", id1, 1, V1), client.lookup("tracks-value", V1));

        assertTrue(client.isCompatible("tracks-value", V2));
        assertFalse(client.isCompatible("tracks-value", V3));
        int id2 = client.register("tracks-value", V2);
        RegisteredSchema latest = client.getLatest("tracks-value");
        assertEquals(id2, latest.id());
        assertEquals(2, latest.version());
        assertEquals(V2, latest.schema());

        assertEquals(CompatibilityLevel.BACKWARD, client.getCompatibility());
        client.setCompatibility("tracks-value", CompatibilityLevel.NONE);
        assertEquals(CompatibilityLevel.NONE, client.getCompatibility("tracks-value"));
        assertEquals(CompatibilityLevel.BACKWARD, client.getCompatibility());
        client.setCompatibility(CompatibilityLevel.FULL);
        assertEquals(CompatibilityLevel.FULL, client.getCompatibility());
        client.register("tracks-value", V3);

        assertEquals(List.of("tracks-value"), client.subjects());
        assertEquals(List.of(1, 2, 3), client.deleteSubject("tracks-value"));
        assertTrue(server.requests.stream().filter(r -> r.method().equals("POST"))
                .allMatch(r -> "application/vnd.schemaregistry.v1+json".equals(r.contentType())));
    }

    @Test
    void subjectsAreEncodedInThePath() {
        client.register("odd subject/with slash", V1);
        assertEquals(List.of("odd subject/with slash"), client.subjects());
        assertTrue(server.requests.get(0).path().contains("odd%20subject%2Fwith%20slash"), server.requests.get(0).path());
    }

    @Test
    void mapsErrorsToTypedExceptions() {
        assertThrows(SubjectNotFoundException.class, () -> client.getLatest("missing"));
        assertThrows(SubjectNotFoundException.class, () -> client.lookup("missing", V1));
        client.register("tracks-value", V1);
        SchemaNotFoundException notUnder = assertThrows(SchemaNotFoundException.class, () -> client.lookup("tracks-value", V2));
        assertEquals(40403, notUnder.errorCode());
        assertThrows(SchemaNotFoundException.class, () -> client.getById(999));
        IncompatibleSchemaException incompatible = assertThrows(IncompatibleSchemaException.class, () -> client.register("tracks-value", V3));
        assertEquals(409, incompatible.status());
        assertTrue(incompatible.getMessage().contains("POST"), incompatible.getMessage());
    }

    @Test
    void mapsCannedErrorResponses() throws IOException {
        HttpServer canned = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        canned.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int status;
            String body;
            if (path.contains("invalid")) {
                status = 422;
                body = "{\"error_code\":42201,\"message\":\"Invalid schema\"}";
            } else if (path.contains("boom")) {
                status = 500;
                body = "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}";
            } else {
                status = 404;
                body = "<html>Not Found</html>";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        canned.start();
        try {
            HttpSchemaRegistryClient c = new HttpSchemaRegistryClient("http://127.0.0.1:" + canned.getAddress().getPort());
            InvalidSchemaException invalid = assertThrows(InvalidSchemaException.class, () -> c.register("invalid", V1));
            assertEquals(42201, invalid.errorCode());
            SchemaRegistryException boom = assertThrows(SchemaRegistryException.class, () -> c.register("boom", V1));
            assertEquals(500, boom.status());
            assertEquals(50001, boom.errorCode());
            assertTrue(boom.getMessage().contains("Error in the backend data store"), boom.getMessage());
            SchemaRegistryException wrongUrl = assertThrows(SchemaRegistryException.class, () -> c.getById(1));
            assertEquals(404, wrongUrl.status());
            assertFalse(wrongUrl instanceof SchemaNotFoundException);
            assertTrue(wrongUrl.getMessage().contains("ccompat"), wrongUrl.getMessage());
        } finally {
            canned.stop(0);
        }
    }

    @Test
    void unreachableRegistryIsStatusZeroAndFailsOverToTheNextUrl() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + deadPort;
        SchemaRegistryException down = assertThrows(SchemaRegistryException.class, () -> new HttpSchemaRegistryClient(dead).getById(1));
        assertEquals(0, down.status());
        assertTrue(down.getMessage().contains("Could not reach"), down.getMessage());

        HttpSchemaRegistryClient failover = new HttpSchemaRegistryClient(dead + "," + server.url());
        assertEquals(1, failover.register("s", V1));
    }

    @Test
    void sendsBasicAuthFromUserInfoOrUrl() {
        String header = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
        server.requireAuthorization(header);
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class, () -> client.register("s", V1));
        assertEquals(401, refused.status());

        HttpSchemaRegistryClient userInfo = new HttpSchemaRegistryClient(RegistryConfig.from(Map.of("schema.registry.url", server.url(),
                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "alice:s3cret")));
        assertEquals(1, userInfo.register("s", V1));

        HttpSchemaRegistryClient inUrl = new HttpSchemaRegistryClient(RegistryConfig.from(Map.of(
                "schema.registry.url", "http://alice:s3cret@127.0.0.1:" + server.port(), "basic.auth.credentials.source", "URL")));
        assertEquals(V1, inUrl.getById(1));
        assertEquals(header, server.requests.get(server.requests.size() - 1).authorization());
    }

    @Test
    void userInfoSourceWithoutUserInfoIsAConfigError() {
        assertThrows(org.apache.kafka.common.config.ConfigException.class, () -> RegistryConfig.from(Map.of(
                "schema.registry.url", server.url(), "basic.auth.credentials.source", "USER_INFO")));
    }

    @Test
    void serdeCachesSoRepeatedRecordsCostNoRequests() {
        Map<String, Object> config = Map.of("schema.registry.url", server.url());
        SpecificAvroSerializer<Track> serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);
        SpecificAvroDeserializer<Track> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(config, false);
        Track track = Track.newBuilder().setId("1").setTitle("t").setDurationSeconds(1).setAddedAt(Instant.EPOCH).build();

        byte[] first = serializer.serialize("tracks", track);
        assertEquals(1, server.requests.size(), "first record registers its schema");
        for (int i = 0; i < 100; i++) {
            serializer.serialize("tracks", track);
        }
        assertEquals(1, server.requests.size(), "later records reuse the cached id");

        for (int i = 0; i < 100; i++) {
            assertEquals(track, deserializer.deserialize("tracks", first));
        }
        assertEquals(1, server.count("GET", "/schemas/ids/"), "the writer schema is fetched once");
    }

    @Test
    void cacheIsBoundedAndLatestExpires() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(client, 2, java.time.Duration.ofSeconds(10), clock);
        int a = cached.register("a", V1);
        cached.register("b", V2);
        cached.register("c", V3);
        long registrations = server.count("POST", "/subjects/");
        cached.register("c", V3);
        assertEquals(registrations, server.count("POST", "/subjects/"), "recent entry still cached");
        assertEquals(a, cached.register("a", V1));
        assertEquals(registrations + 1, server.count("POST", "/subjects/"), "oldest entry was evicted (capacity 2)");

        cached.getLatest("a");
        cached.getLatest("a");
        assertEquals(1, server.count("GET", "/subjects/a/versions/latest"));
        now.addAndGet(10_001);
        cached.getLatest("a");
        assertEquals(2, server.count("GET", "/subjects/a/versions/latest"), "latest re-read after its TTL");
    }

    @Test
    void serializerWithAutoRegisterOffAgainstHttpExplainsMissingSchema() {
        SpecificAvroSerializer<Track> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", server.url(), "auto.register.schemas", false), false);
        Track track = Track.newBuilder().setId("1").setTitle("t").setDurationSeconds(1).setAddedAt(Instant.EPOCH).build();
        SerializationException e = assertThrows(SerializationException.class, () -> serializer.serialize("tracks", track));
        assertTrue(e.getMessage().contains("tracks-value") && e.getMessage().contains("auto.register.schemas=false"), e.getMessage());
    }
}
