package dev.timbre.features.http;

import dev.timbre.infra.testing.ApiErrorShapeContract;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** Micronaut's own errors (unknown route, wrong method) come in the platform's one ApiError shape here too. */
@MicronautTest
@Property(name = "timbre.kafka.producer.enabled", value = "false")
@Property(name = "timbre.features.consumer.enabled", value = "false")
class ErrorShapeTest extends ApiErrorShapeContract {
}
