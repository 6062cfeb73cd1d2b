package dev.timbre.classification.profile;

import dev.timbre.classification.config.ClassificationConfig;
import dev.timbre.classification.config.KafkaSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Runs the {@link ProfileTopology} for the life of the application. */
@Singleton
@Requires(property = "classification.profiles.enabled", notEquals = "false")
public class ProfileService implements ApplicationEventListener<ServerStartupEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileService.class);

    private final ClassificationConfig config;
    private KafkaStreams streams;

    public ProfileService(ClassificationConfig config) {
        this.config = config;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (streams != null) {
            return;
        }
        KafkaSettings kafka = new KafkaSettings(config);
        streams = new KafkaStreams(ProfileTopology.build(kafka.serde()), kafka.profileStreams());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("profile aggregation failed, replacing the stream thread", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(10));
        }
    }
}
