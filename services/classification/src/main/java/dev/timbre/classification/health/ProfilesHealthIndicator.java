package dev.timbre.classification.health;

import dev.timbre.classification.profile.ProfileService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/** DOWN when the profile aggregation's Kafka Streams instance is in ERROR or shutting down. */
@Singleton
@Requires(beans = ProfileService.class)
public class ProfilesHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final ProfileService service;

    public ProfilesHealthIndicator(ProfileService service) {
        this.service = service;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        KafkaStreams.State state = service.state();
        healthStatus = switch (state) {
            case RUNNING -> HealthStatus.UP;
            case CREATED, REBALANCING -> HealthStatus.UNKNOWN;
            default -> HealthStatus.DOWN;
        };
        return Map.of("state", state.name());
    }

    @Override
    protected String getName() {
        return "profiles";
    }
}
