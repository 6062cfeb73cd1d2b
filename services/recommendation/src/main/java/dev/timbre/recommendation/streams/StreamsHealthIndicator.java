package dev.timbre.recommendation.streams;

import dev.timbre.platform.lifecycle.KitHealth;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}: the Streams app's state by the kit's one mapping (UP while running, UNKNOWN before it starts and
 * while created or rebalancing, DOWN when it failed or stopped), with this instance's {@code application.server}.
 */
@Singleton
class StreamsHealthIndicator implements HealthIndicator {

    private final StreamsRunner runner;

    StreamsHealthIndicator(StreamsRunner runner) {
        this.runner = runner;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (runner.self() != null) {
            details.put("applicationServer", runner.self().host() + ":" + runner.self().port());
        }
        return Publishers.just(KitHealth.of("kafkaStreams", runner.managed(), details));
    }
}
