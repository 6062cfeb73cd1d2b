package dev.timbre.infra.testing;

import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.timbre.infra.testing.ApiErrorShape.assertShape;
import static dev.timbre.infra.testing.ApiErrorShape.send;

/**
 * What every Timbre HTTP service promises about Micronaut's own errors: an unknown route (404) and a wrong method
 * (405) answer in the platform's one {@code ApiError} shape. A service's test is a {@code @MicronautTest} that extends
 * it (with the properties that keep Kafka and the like out); the service's server is injected here. A service with a
 * JSON POST route extends {@link JsonPostErrorShapeContract}, which adds 415 and malformed JSON.
 */
public abstract class ApiErrorShapeContract {

    @Inject
    protected EmbeddedServer server;

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
}
