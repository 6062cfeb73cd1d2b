package dev.timbre.features.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code timbre.features.*}: the service's own settings, one immutable record with each default written once, here
 * (the Kafka kit's {@code timbre.kafka.*} is the platform's {@code KafkaKitConfig}, the blob store's
 * {@code timbre.blob.*} timbre-blob's).
 *
 * @param groupId     the {@code songs.registered} consumer group ({@code KafkaConventions.groupId("feature-extraction")})
 * @param concurrency songs decoded in parallel; each holds one song in flight (~20 MB for 30 s of 44.1 kHz stereo MP3: README, "Memory per song in flight")
 */
@ConfigurationProperties("timbre.features")
public record FeaturesConfig(@Bindable(defaultValue = "timbre.feature-extraction") String groupId,
                             @Bindable(defaultValue = "2") int concurrency) {
    public FeaturesConfig {
        if (concurrency < 1) {
            throw new IllegalArgumentException("timbre.features.concurrency must be at least 1");
        }
    }
}
