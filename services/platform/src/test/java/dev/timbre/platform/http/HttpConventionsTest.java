package dev.timbre.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared HTTP conventions on a real Netty server: every framework error in the one shape with a request
 * id, the id in the header, 5xx without exception text, and service tokens (two valid at once, probes open).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpConventionsTest {
    static final String CURRENT = "current-token-0123456789abcdef";
    static final String PREVIOUS = "previous-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedServer open;
    private EmbeddedServer guarded;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        open = ApplicationContext.run(EmbeddedServer.class, Map.of("conventions-test", "true",
                "micronaut.server.port", -1, "micronaut.server.max-request-size", 2000,
                "micronaut.server.netty.max-header-size", 4096));
        guarded = ApplicationContext.run(EmbeddedServer.class, Map.of("conventions-test", "true",
                "micronaut.server.port", -1, "timbre.service-auth.required", "true",
                "timbre.service-auth.tokens", CURRENT + "," + PREVIOUS));
    }

    @AfterAll
    void stop() {
        open.close();
        guarded.close();
    }

    private HttpResponse<String> send(EmbeddedServer server, String method, String path, String contentType, String body,
                                      String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body is exactly {status, error, message, requestId}, matching the status and the header. */
    private static JsonNode assertShape(int status, String error, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(4, body.size(), response.body());
        assertEquals(status, body.path("status").asInt(), response.body());
        assertEquals(error, body.path("error").asText(), response.body());
        assertTrue(body.path("message").isTextual() && !body.path("message").asText().isBlank(), response.body());
        String id = body.path("requestId").asText();
        assertFalse(id.isBlank(), response.body());
        assertEquals(id, response.headers().firstValue("X-Request-Id").orElse(null), "header and body carry the same id");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return body;
    }

    @Test
    void frameworkErrorsUseTheOneShape() throws Exception {
        assertShape(404, "not_found", send(open, "GET", "/no/such/route", null, null));
        assertShape(400, "malformed_json", send(open, "POST", "/echo", "application/json", "{\"a\": tru"));
        assertShape(405, "method_not_allowed", send(open, "DELETE", "/echo", null, null));
        assertShape(415, "unsupported_media", send(open, "POST", "/echo", "text/plain", "hello"));
        assertShape(413, "too_large", send(open, "POST", "/echo", "application/json", "{\"a\":\"" + "x".repeat(5000) + "\"}"));
        assertEquals(200, send(open, "POST", "/echo", "application/json", "{\"a\":1}").statusCode());
        // a multipart part without Content-Disposition makes Netty's decoder throw: still the client's fault
        assertShape(400, "malformed_body", send(open, "POST", "/upload", "multipart/form-data; boundary=B",
                "--B\r\n\r\nvalue\r\n--B--\r\n"));
    }

    @Test
    void serverErrorsNeverCarryTheExceptionText() throws Exception {
        JsonNode body = assertShape(500, "internal", send(open, "GET", "/boom", null, null));
        assertFalse(body.path("message").asText().contains("hunter2"), body.toString());
        assertTrue(body.path("message").asText().contains(body.path("requestId").asText()));
    }

    @Test
    void bodiesInOtherShapesAreNormalisedAndOwnErrorsKept() throws Exception {
        JsonNode conflict = assertShape(409, "conflict", send(open, "GET", "/plain-conflict", null, null));
        assertFalse(conflict.path("message").asText().contains("html"));
        JsonNode own = assertShape(404, "unknown_thing", send(open, "GET", "/own-error", null, null));
        assertEquals("no such thing", own.path("message").asText());
    }

    @Test
    void aDownHealthReportKeepsItsDetails() throws Exception {
        HttpResponse<String> down = send(open, "GET", "/health/down", null, null);
        assertEquals(503, down.statusCode());
        assertEquals("DOWN", JSON.readTree(down.body()).path("details").path("kafka").path("status").asText(), down.body());
        assertNotNull(down.headers().firstValue("X-Request-Id").orElse(null));
    }

    @Test
    void requestIdsArePropagatedWhenPlainAndReplacedOtherwise() throws Exception {
        HttpResponse<String> kept = send(open, "GET", "/no/such/route", null, null, "X-Request-Id", "abc-123.X_y");
        assertEquals("abc-123.X_y", assertShape(404, "not_found", kept).path("requestId").asText());
        HttpResponse<String> replaced = send(open, "GET", "/no/such/route", null, null, "X-Request-Id", "x".repeat(200));
        assertEquals(36, assertShape(404, "not_found", replaced).path("requestId").asText().length());
        HttpResponse<String> ok = send(open, "GET", "/ok", null, null);
        assertNotNull(ok.headers().firstValue("X-Request-Id").orElse(null), "successful answers carry the id too");
    }

    @Test
    void oversizedHeadersGetAnErrorStatusAndTheServerKeepsServing() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", open.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(10_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(2000), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            JsonNode error = JSON.readTree(body);
            assertEquals("too_large", error.path("error").asText(), body);
            assertFalse(error.path("requestId").asText().isBlank(), body);
        }
        assertEquals(200, send(open, "GET", "/ok", null, null).statusCode());
    }

    @Test
    void serviceTokensTwoValidAtOnceProbesOpen() throws Exception {
        HttpResponse<String> none = send(guarded, "GET", "/ok", null, null);
        assertShape(401, "unauthorized", none);
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertShape(401, "unauthorized", send(guarded, "GET", "/ok", null, null, "Authorization", "Bearer wrong-token-0123456789abcdef"));
        assertShape(401, "unauthorized", send(guarded, "GET", "/ok", null, null, "Authorization", CURRENT));
        assertShape(401, "unauthorized", send(guarded, "GET", "/no/such/route", null, null)); // unknown routes reveal nothing either
        assertEquals(200, send(guarded, "GET", "/ok", null, null, "Authorization", "Bearer " + CURRENT).statusCode());
        assertEquals(200, send(guarded, "GET", "/ok", null, null, "Authorization", "Bearer " + PREVIOUS).statusCode());
        assertEquals(200, send(guarded, "GET", "/health/ping", null, null).statusCode(), "probes need no token");
        assertShape(401, "unauthorized", send(guarded, "GET", "/healthz", null, null));
        ServiceCredentials credentials = guarded.getApplicationContext().getBean(ServiceCredentials.class);
        assertEquals("Bearer " + CURRENT, credentials.authorizationHeader().orElseThrow(), "the first token is presented");
    }
}
