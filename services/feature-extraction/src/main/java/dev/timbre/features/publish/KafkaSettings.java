package dev.timbre.features.publish;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka and schema-registry client settings. Everything under {@code kafka.*} goes to the clients as-is
 * (security protocol, SASL ...); the registry uses Confluent's names {@code schema.registry.url} and
 * {@code schema.registry.basic.auth.user.info}.
 */
@Singleton
public class KafkaSettings {
    private static final java.util.List<String> TUNABLE = java.util.List.of("compression.type", "linger.ms", "batch.size");

    private final Map<String, Object> kafka;
    private final String registryUrl;
    private final String registryUserInfo;

    public KafkaSettings(@Property(name = "kafka") @MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, Object> kafka,
                         @Value("${schema.registry.url}") String registryUrl,
                         @Nullable @Value("${schema.registry.basic.auth.user.info:}") String registryUserInfo) {
        this.kafka = Map.copyOf(kafka);
        this.registryUrl = registryUrl;
        this.registryUserInfo = registryUserInfo;
    }

    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        // Kafka's own names use dots only; hyphenated keys are Micronaut's extra spellings of env vars
        // (KAFKA_SASL_JAAS_CONFIG also yields sasl-jaas.config ...) and would only produce warnings.
        kafka.forEach((k, v) -> {
            if (!k.contains("-")) {
                props.put(k, String.valueOf(v));
            }
        });
        return props;
    }

    public String bootstrapServers() {
        return String.valueOf(kafka.get("bootstrap.servers"));
    }

    /**
     * Batching and compression settings given explicitly under {@code kafka.*}: they win over
     * KafkaConventions' defaults (e.g. {@code kafka.compression.type=none} for a broker without lz4), while
     * the safety settings (idempotence, acks) always stay the conventions'.
     */
    public Map<String, Object> tuningOverrides() {
        Map<String, Object> overrides = new HashMap<>();
        for (String key : TUNABLE) {
            if (kafka.containsKey(key)) {
                overrides.put(key, String.valueOf(kafka.get(key)));
            }
        }
        return overrides;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** Client and serde settings together, for clients that instantiate their serdes from config. */
    public Map<String, Object> allProperties() {
        Map<String, Object> props = clientProperties();
        props.putAll(serdeProperties());
        return props;
    }

    public Map<String, Object> serdeProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("schema.registry.url", registryUrl);
        props.put("specific.avro.reader", "true");
        props.put("auto.register.schemas", "true");
        if (registryUserInfo != null && !registryUserInfo.isBlank()) {
            props.put("basic.auth.credentials.source", "USER_INFO");
            props.put("basic.auth.user.info", registryUserInfo);
        }
        return props;
    }
}
