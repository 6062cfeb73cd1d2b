package dev.timbre.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every service's tests: checks that an error response is the platform's one {@code ApiError} shape
 * ({@code {status, error, message, requestId}}, the request id echoed in {@code X-Request-Id}), never Micronaut's
 * default body.
 */
public final class ApiErrorShape {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ApiErrorShape() {
    }

    /** A request to {@code baseUrl + path}; {@code contentType} and {@code body} may be null. */
    public static HttpResponse<String> send(String baseUrl, String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send(baseUrl, method, path, Map.of(), contentType, body);
    }

    /** The same with extra headers (e.g. the credentials that let a request reach its route). */
    public static HttpResponse<String> send(String baseUrl, String method, String path, Map<String, String> headers,
                                            String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static void assertShape(int status, String error, HttpResponse<String> response) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(status, body.path("status").asInt(), response.body());
        assertEquals(error, body.path("error").asText(), response.body());
        assertFalse(body.path("message").asText().isBlank(), response.body());
        assertEquals(response.headers().firstValue("X-Request-Id").orElse("missing"), body.path("requestId").asText());
        assertTrue(body.path("_links").isMissingNode() && body.path("_embedded").isMissingNode(), "not Micronaut's default body");
    }
}
