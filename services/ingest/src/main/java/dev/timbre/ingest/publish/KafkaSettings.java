package dev.timbre.ingest.publish;

import dev.timbre.platform.kafka.ClientSettings;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Micronaut's binding of the shared Kafka/registry settings ({@code kafka.*}, {@code schema.registry.url},
 * {@code schema.registry.basic.auth.user.info}); what they mean is timbre-platform's {@link ClientSettings}.
 */
@Singleton
public class KafkaSettings {
    private final ClientSettings settings;

    public KafkaSettings(@Property(name = "kafka") @MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, Object> kafka,
                         @Value("${schema.registry.url}") String registryUrl,
                         @Nullable @Value("${schema.registry.basic.auth.user.info:}") String registryUserInfo) {
        this.settings = new ClientSettings(kafka, registryUrl, registryUserInfo);
    }

    public ClientSettings settings() {
        return settings;
    }

    /** @see ClientSettings#clientProperties() */
    public Map<String, Object> clientProperties() {
        return settings.clientProperties();
    }

    /** @see ClientSettings#serdeProperties() */
    public Map<String, Object> serdeProperties() {
        return settings.serdeProperties();
    }

    /** @see ClientSettings#tuningOverrides() */
    public Map<String, Object> tuningOverrides() {
        return settings.tuningOverrides();
    }

    public String registryUrl() {
        return settings.registryUrl();
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }
}
