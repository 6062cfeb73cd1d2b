package dev.timbre.platform.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The kit's own settings under {@code timbre.kafka.*}, immutable, each default written here once.
 *
 * @param service    the service's name for its {@link KafkaClients} (group {@code timbre.<service>},
 *                   {@code DeadLetter.service}); null when the service builds its clients from its own config
 * @param ackTimeout how long a publisher waits for the broker's acknowledgement ({@link Acks}) before it reports
 *                   a {@link PublishException}; a service with a latency budget (ingest answers HTTP) sets less
 */
@ConfigurationProperties("timbre.kafka")
public record KafkaKitConfig(@Nullable String service,
                             @Bindable(defaultValue = "30s") Duration ackTimeout) {
}
