package dev.timbre.platform.kafka;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Micronaut's binding of the shared settings, for any Timbre service that has Micronaut on its classpath:
 * {@code kafka.*} (flat, e.g. from {@code KAFKA_SECURITY_PROTOCOL}), {@code schema.registry.url} and
 * {@code schema.registry.basic.auth.user.info}; and the service's {@link KafkaClients} when it sets
 * {@code timbre.kafka.service}.
 */
@Factory
public class ClientSettingsFactory {

    /** Each key may be absent: services decide their own fallbacks (see {@link ClientSettings#forService}). */
    @Singleton
    ClientSettings clientSettings(@Nullable @Property(name = "kafka") @MapFormat(transformation = MapFormat.MapTransformation.FLAT)
                                  Map<String, Object> kafka,
                                  @Nullable @Property(name = "schema.registry.url") String registryUrl,
                                  @Nullable @Property(name = "schema.registry.basic.auth.user.info") String registryUserInfo) {
        return new ClientSettings(kafka, registryUrl, registryUserInfo);
    }

    /**
     * The service's one client factory, for services that name themselves in {@code timbre.kafka.service}
     * (consumer group {@code timbre.<service>}, {@code DeadLetter.service}); the shared settings, else the local
     * platform.
     */
    @Singleton
    @Requires(property = "timbre.kafka.service")
    KafkaClients kafkaClients(ClientSettings settings, KafkaKitConfig kit) {
        return new KafkaClients(kit.service(), settings.forService(null, null));
    }
}
