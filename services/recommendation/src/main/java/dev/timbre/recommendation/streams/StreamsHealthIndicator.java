package dev.timbre.recommendation.streams;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health}: DOWN when the Streams instance failed or stopped, UP while running or rebalancing. */
@Singleton
class StreamsHealthIndicator implements HealthIndicator {

    private final StreamsRunner runner;

    StreamsHealthIndicator(StreamsRunner runner) {
        this.runner = runner;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams streams = runner.streams();
        Map<String, Object> details = new LinkedHashMap<>();
        HealthStatus status;
        if (streams == null) {
            status = HealthStatus.UNKNOWN;
            details.put("state", "NOT_STARTED");
        } else {
            KafkaStreams.State state = streams.state();
            details.put("state", state.name());
            details.put("threads", streams.metadataForLocalThreads().size());
            status = switch (state) {
                case RUNNING, REBALANCING, CREATED -> HealthStatus.UP;
                default -> HealthStatus.DOWN;
            };
        }
        if (runner.self() != null) {
            details.put("applicationServer", runner.self().host() + ":" + runner.self().port());
        }
        return Publishers.just(HealthResult.builder("kafkaStreams", status).details(details).build());
    }
}
