package dev.timbre.classification.profile;

import dev.timbre.classification.config.KafkaSettings;
import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.platform.lifecycle.ManagedStreams;
import dev.timbre.platform.lifecycle.RunState;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Runs the {@link ProfileTopology} for the life of the application, as a platform {@link ManagedStreams}. */
@Singleton
@Requires(property = "timbre.classification.profiles.enabled", notEquals = "false")
public class ProfileService implements ApplicationEventListener<ServerStartupEvent>, AutoCloseable {

    private final KafkaSettings kafka;
    private final ManagedStreams streams =
            new ManagedStreams(KafkaConventions.applicationId(KafkaSettings.PROFILES_APP), Duration.ofSeconds(10));

    public ProfileService(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        streams.start(ProfileTopology.build(kafka.serde()), kafka.profileStreams());
    }

    public ManagedStreams streams() {
        return streams;
    }

    public RunState state() {
        return streams.state();
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        streams.close();
    }
}
