package dev.timbre.infra.testing;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static dev.timbre.infra.testing.ApiErrorShape.assertShape;
import static dev.timbre.infra.testing.ApiErrorShape.send;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every Timbre HTTP service promises about Micronaut's own errors: an unknown route (404), a wrong method (405)
 * and, where the service has a JSON POST route ({@link #jsonPost()}), a body of another media type (415) and
 * malformed JSON (400 {@code malformed_json}) answer in the platform's one {@code ApiError} shape. A service's test is
 * a {@code @MicronautTest} that extends it (with the properties that keep Kafka and the like out); the service's
 * server is injected here. Without a POST route the last two are skipped.
 */
public abstract class ApiErrorShapeContract {

    @Inject
    protected EmbeddedServer server;

    /**
     * A JSON POST route of this service, with the headers (credentials) that let a request reach it.
     *
     * @param path    e.g. {@code /users/alice/events}
     * @param headers e.g. {@code Authorization}
     */
    public record JsonPost(String path, Map<String, String> headers) {
    }

    /** This service's JSON POST route, if it has one (default: none). */
    protected Optional<JsonPost> jsonPost() {
        return Optional.empty();
    }

    /** The running server's base URL, e.g. {@code http://localhost:41234}. */
    protected String baseUrl() {
        return server.getURL().toString();
    }

    @Test
    void anUnknownRouteIsA404InTheSharedShape() throws Exception {
        assertShape(404, "not_found", send(baseUrl(), "GET", "/no-such-route", null, null));
    }

    @Test
    void aWrongMethodIsA405InTheSharedShape() throws Exception {
        assertShape(405, "method_not_allowed", send(baseUrl(), "POST", "/health", "application/json", "{\"status\":"));
    }

    @Test
    void malformedJsonIsA400InTheSharedShape() throws Exception {
        JsonPost post = jsonPost().orElse(null);
        assumeTrue(post != null, "this service has no JSON POST route");
        assertShape(400, "malformed_json", send(baseUrl(), "POST", post.path(), post.headers(), "application/json",
                "{\"songId\": \"s\", \"type\": tru"));
    }

    @Test
    void anotherMediaTypeIsA415InTheSharedShape() throws Exception {
        JsonPost post = jsonPost().orElse(null);
        assumeTrue(post != null, "this service has no JSON POST route");
        assertShape(415, "unsupported_media", send(baseUrl(), "POST", post.path(), post.headers(), "text/plain", "hello"));
    }
}
