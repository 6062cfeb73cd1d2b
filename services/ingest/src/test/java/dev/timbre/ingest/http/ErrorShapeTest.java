package dev.timbre.ingest.http;

import dev.timbre.infra.testing.JsonPostErrorShapeContract;
import dev.timbre.ingest.security.ApiKeyRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Micronaut's own errors in the platform's one ApiError shape, as every service answers them: 404, 405, and on the
 * JSON POST route {@code /users/alice/events} (with alice's dev key, so the request reaches it) 415 and malformed
 * JSON (ingest's own API errors and 413 are covered by IngestApiTest and EdgeHardeningIT).
 */
@MicronautTest
@Property(name = "timbre.kafka.producer.enabled", value = "false")
@Property(name = "timbre.catalog.feed.enabled", value = "false")
@Property(name = "timbre.security.dev-keys-file", value = "target/error-shape-test-dev-keys.properties")
class ErrorShapeTest extends JsonPostErrorShapeContract {
    @Inject
    ApiKeyRegistry keys;

    @Override
    protected JsonPost jsonPost() {
        return new JsonPost("/users/alice/events", Map.of("Authorization", "Bearer " + keys.devKeyOf("alice").orElseThrow()));
    }
}
