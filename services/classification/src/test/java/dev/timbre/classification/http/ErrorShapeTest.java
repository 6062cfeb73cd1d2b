package dev.timbre.classification.http;

import dev.timbre.infra.testing.ApiErrorShapeContract;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** Micronaut's own errors (unknown route, wrong method) in the platform's one ApiError shape; no Kafka, no model. */
@MicronautTest
@Property(name = "timbre.classification.inference.enabled", value = "false")
@Property(name = "timbre.classification.profiles.enabled", value = "false")
class ErrorShapeTest extends ApiErrorShapeContract {
}
