package dev.timbre.ingest.publish;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka and schema-registry client settings. Everything under {@code kafka.*} is passed to the clients
 * as-is (so {@code kafka.security.protocol}, {@code kafka.sasl.*} ... work without code changes), and the
 * registry settings use Confluent's names: {@code schema.registry.url},
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

    /** Client properties: the {@code kafka.*} settings, stringified. */
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

    /** Serde properties in Confluent's vocabulary, understood by timbre-platform's Avro serdes. */
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

    public String bootstrapServers() {
        return String.valueOf(kafka.get("bootstrap.servers"));
    }
}
