package dev.timbre.ingest.http;

import dev.timbre.infra.testing.ApiErrorShapeContract;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/**
 * Micronaut's own errors in the platform's one ApiError shape, as every service answers them (ingest's own API errors,
 * 413, 415 and malformed JSON included, are covered by IngestApiTest and EdgeHardeningIT).
 */
@MicronautTest
@Property(name = "timbre.kafka.producer.enabled", value = "false")
@Property(name = "timbre.catalog.feed.enabled", value = "false")
@Property(name = "timbre.security.dev-keys-file", value = "target/error-shape-test-dev-keys.properties")
class ErrorShapeTest extends ApiErrorShapeContract {
}
