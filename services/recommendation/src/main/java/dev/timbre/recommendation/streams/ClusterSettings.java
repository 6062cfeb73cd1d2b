package dev.timbre.recommendation.streams;

import io.micronaut.context.env.Environment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cluster-wide client settings shared by every Timbre service (the Helm chart's Kafka ConfigMap and
 * secrets: KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_REPLICATION_FACTOR, SCHEMA_REGISTRY_BASIC_AUTH_*),
 * translated to the Kafka and registry client keys. Only the ones that are set are passed on.
 */
final class ClusterSettings {

    /** Micronaut property (from the environment variable) → client config key. */
    private static final Map<String, String> KEYS = Map.of(
            "kafka.security.protocol", "security.protocol",
            "kafka.sasl.mechanism", "sasl.mechanism",
            "kafka.sasl.jaas.config", "sasl.jaas.config",
            "kafka.replication.factor", "replication.factor",
            "schema.registry.basic.auth.credentials.source", "basic.auth.credentials.source",
            "schema.registry.basic.auth.user.info", "basic.auth.user.info");

    /** Keys an admin client needs besides bootstrap.servers. */
    static final java.util.Set<String> ADMIN_KEYS = java.util.Set.of("security.protocol", "sasl.mechanism", "sasl.jaas.config");

    private ClusterSettings() {
    }

    static Map<String, Object> from(Environment env) {
        Map<String, Object> out = new LinkedHashMap<>();
        KEYS.forEach((property, key) -> env.getProperty(property, String.class)
                .filter(v -> !v.isBlank())
                .ifPresent(v -> out.put(key, v)));
        return out;
    }
}
