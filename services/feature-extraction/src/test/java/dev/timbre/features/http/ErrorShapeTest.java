package dev.timbre.features.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Micronaut's own errors (unknown route, wrong method) come in the platform's one ApiError shape here too. */
class ErrorShapeTest {

    private static EmbeddedServer server;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "timbre.kafka.producer.enabled", false,
                "timbre.features.consumer.enabled", false));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertShape(int status, String error, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(status, body.path("status").asInt(), response.body());
        assertEquals(error, body.path("error").asText(), response.body());
        assertFalse(body.path("message").asText().isBlank(), response.body());
        assertEquals(response.headers().firstValue("X-Request-Id").orElse("missing"), body.path("requestId").asText());
        assertTrue(body.path("_links").isMissingNode() && body.path("_embedded").isMissingNode(), "not Micronaut's default body");
    }

    @Test
    void anUnknownRouteIsA404InTheSharedShape() throws Exception {
        assertShape(404, "not_found", send("GET", "/no-such-route", null, null));
    }

    @Test
    void aWrongMethodIsA405InTheSharedShape() throws Exception {
        assertShape(405, "method_not_allowed", send("POST", "/health", "application/json", "{\"status\":"));
    }
}
