package dev.timbre.classification.health;

import dev.timbre.classification.pipeline.InferenceLoop;
import dev.timbre.classification.pipeline.InferenceService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.Map;

/** DOWN when the inference loop has stopped (fenced, fatal Kafka error, model failure). */
@Singleton
@Requires(beans = InferenceService.class)
public class InferenceHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final InferenceService service;

    public InferenceHealthIndicator(InferenceService service) {
        this.service = service;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        InferenceLoop.State state = service.state();
        healthStatus = switch (state) {
            case RUNNING -> HealthStatus.UP;
            case STARTING -> HealthStatus.UNKNOWN;
            case STOPPED, FAILED -> HealthStatus.DOWN;
        };
        return Map.of("state", state.name());
    }

    @Override
    protected String getName() {
        return "inference";
    }
}
