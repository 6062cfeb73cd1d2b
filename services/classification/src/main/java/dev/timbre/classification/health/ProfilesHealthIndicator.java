package dev.timbre.classification.health;

import dev.timbre.classification.profile.ProfileService;
import dev.timbre.platform.lifecycle.KitHealth;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/** The profile aggregation's Kafka Streams state, by the kit's one mapping (UNKNOWN while created or rebalancing). */
@Singleton
@Requires(beans = ProfileService.class)
public class ProfilesHealthIndicator implements HealthIndicator {

    private final ProfileService service;

    public ProfilesHealthIndicator(ProfileService service) {
        this.service = service;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(KitHealth.of("profiles", service.streams(), Map.of()));
    }
}
