package dev.timbre.platform.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.context.ServerRequestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one internal call against a real local HTTP server (the JDK's): what it presents, what it passes through,
 * and every failure in the {@link ApiError} shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceCallTest {
    private static final String TOKEN = "service-token-0123456789abcdef";
    private static final ServiceCall.Upstream RECOMMENDATIONS =
            new ServiceCall.Upstream("the recommendation service", "recommendations_unavailable");

    private HttpServer server;
    private final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();
    private final ServiceCall call = new ServiceCall(
            new ServiceCredentials(new ServiceAuthConfig(false, List.of(TOKEN), null)),
            Duration.ofSeconds(2), Duration.ofMillis(500));

    @BeforeAll
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", e -> answer(e, 200, "application/json", "[{\"songId\":\"s1\"}]"));
        server.createContext("/shaped", e -> answer(e, 404, "application/json",
                new ApiError(404, "unknown_user", "no such user", "their-id").toJson()));
        server.createContext("/plain", e -> answer(e, 500, "text/plain", "java.lang.IllegalStateException: boom"));
        server.createContext("/unauthorized", e -> answer(e, 401, "application/json",
                new ApiError(401, "unauthorized", "a service token is required", null).toJson()));
        server.createContext("/slow", e -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            answer(e, 200, "application/json", "[]");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterAll
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        seen.put(exchange.getRequestURI().getPath(), headers);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Runs the call as if serving a request with this id. */
    private MutableHttpResponse<String> within(String requestId, String path) {
        HttpRequest<?> request = HttpRequest.GET("/caller").header(RequestIds.HEADER, requestId);
        return ServerRequestContext.with(request, (java.util.function.Supplier<MutableHttpResponse<String>>) () -> call.get(RECOMMENDATIONS, uri(path), Map.of("X-Timbre-Forwarded", "me")));
    }

    private static ApiError error(MutableHttpResponse<String> response) {
        return ApiError.parse(response.body()).orElseThrow(() -> new AssertionError("not an ApiError: " + response.body()));
    }

    @Test
    void aSuccessIsPassedThroughAndTheTokenRequestIdAndExtraHeadersArePresented() {
        MutableHttpResponse<String> response = within("req-1", "/ok");
        assertEquals(HttpStatus.OK, response.getStatus());
        assertEquals("[{\"songId\":\"s1\"}]", response.body());
        assertEquals("application/json", response.getContentType().orElseThrow().getName());
        Map<String, String> headers = seen.get("/ok");
        assertEquals("Bearer " + TOKEN, headers.get("authorization"));
        assertEquals("req-1", headers.get("x-request-id"));
        assertEquals("me", headers.get("x-timbre-forwarded"));
        assertEquals("application/json", headers.get("accept"));
    }

    @Test
    void anUpstreamErrorInTheSharedShapeKeepsStatusCodeAndMessageWithThisRequestsId() {
        MutableHttpResponse<String> response = within("req-2", "/shaped");
        assertEquals(HttpStatus.NOT_FOUND, response.getStatus());
        assertEquals(new ApiError(404, "unknown_user", "no such user", "req-2"), error(response));
        assertEquals("req-2", response.getHeaders().get(RequestIds.HEADER));
    }

    @Test
    void anUpstreamErrorInAnotherShapeKeepsItsStatusButNotItsText() {
        MutableHttpResponse<String> response = within("req-3", "/plain");
        assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, response.getStatus());
        ApiError error = error(response);
        assertEquals("internal", error.error());
        assertEquals("the recommendation service answered 500", error.message());
        assertFalse(response.body().contains("IllegalStateException"), response.body());
    }

    @Test
    void ourTokenRefusedIsABadGatewayNotTheCallersFault() {
        MutableHttpResponse<String> response = within("req-4", "/unauthorized");
        assertEquals(HttpStatus.BAD_GATEWAY, response.getStatus());
        ApiError error = error(response);
        assertEquals("recommendations_unavailable", error.error());
        assertTrue(error.message().contains("refused this service's credentials"), error.message());
    }

    @Test
    void unreachableOrTooSlowIsABadGatewayWithTheUpstreamsCode() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        MutableHttpResponse<String> refused = call.get(RECOMMENDATIONS, URI.create("http://127.0.0.1:" + closed + "/x"));
        assertEquals(HttpStatus.BAD_GATEWAY, refused.getStatus());
        assertEquals("recommendations_unavailable", error(refused).error());
        assertEquals("the recommendation service is unreachable; retry later", error(refused).message());

        MutableHttpResponse<String> slow = within("req-5", "/slow");
        assertEquals(HttpStatus.BAD_GATEWAY, slow.getStatus());
        assertEquals(new ApiError(502, "recommendations_unavailable",
                "the recommendation service is unreachable; retry later", "req-5"), error(slow));
    }

    @Test
    void tryGetIsEmptyOnlyWhenTheUpstreamIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertTrue(call.tryGet(RECOMMENDATIONS, URI.create("http://127.0.0.1:" + closed + "/x"), Map.of()).isEmpty());
        assertTrue(call.tryGet(RECOMMENDATIONS, uri("/slow"), Map.of()).isEmpty());

        MutableHttpResponse<String> ok = call.tryGet(RECOMMENDATIONS, uri("/ok"), Map.of("X-Timbre-Standby", "true")).orElseThrow();
        assertEquals(HttpStatus.OK, ok.getStatus());
        assertEquals("true", seen.get("/ok").get("x-timbre-standby"));
        assertEquals("Bearer " + TOKEN, seen.get("/ok").get("authorization"));
        // an answer, even an error, is relayed, not taken for unreachable
        MutableHttpResponse<String> shaped = call.tryGet(RECOMMENDATIONS, uri("/shaped"), Map.of()).orElseThrow();
        assertEquals(HttpStatus.NOT_FOUND, shaped.getStatus());
        assertEquals("unknown_user", error(shaped).error());
        assertEquals(HttpStatus.BAD_GATEWAY,
                call.tryGet(RECOMMENDATIONS, uri("/unauthorized"), Map.of()).orElseThrow().getStatus());
    }

    @Test
    void withoutATokenNoAuthorizationIsSent() {
        ServiceCall anonymous = new ServiceCall(new ServiceCredentials(new ServiceAuthConfig(false, List.of(), null)));
        assertEquals(HttpStatus.OK, anonymous.get(RECOMMENDATIONS, uri("/ok")).getStatus());
        assertFalse(seen.get("/ok").containsKey("authorization"));
    }
}
