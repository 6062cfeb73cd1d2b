package dev.timbre.features.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.timbre.infra.testing.ApiErrorShape.assertShape;
import static dev.timbre.infra.testing.ApiErrorShape.send;

/** Micronaut's own errors (unknown route, wrong method) come in the platform's one ApiError shape here too. */
class ErrorShapeTest {

    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1, "timbre.kafka.producer.enabled", false, "timbre.features.consumer.enabled", false));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anUnknownRouteIsA404InTheSharedShape() throws Exception {
        assertShape(404, "not_found", send(server.getURL().toString(), "GET", "/no-such-route", null, null));
    }

    @Test
    void aWrongMethodIsA405InTheSharedShape() throws Exception {
        assertShape(405, "method_not_allowed",
                send(server.getURL().toString(), "POST", "/health", "application/json", "{\"status\":"));
    }
}
