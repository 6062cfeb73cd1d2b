package dev.timbre.classification.health;

import dev.timbre.classification.pipeline.InferenceService;
import dev.timbre.platform.lifecycle.KitHealth;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/** The inference loop's state, by the kit's one mapping: DOWN once it has stopped (fenced, fatal Kafka error, model failure). */
@Singleton
@Requires(beans = InferenceService.class)
public class InferenceHealthIndicator implements HealthIndicator {

    private final InferenceService service;

    public InferenceHealthIndicator(InferenceService service) {
        this.service = service;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(KitHealth.result("inference", service.state(), Map.of("state", service.state().name())));
    }
}
