package dev.timbre.platform.kafka;

import dev.timbre.platform.registry.RegistryConfig;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A deployment's Kafka client settings, shared by every Timbre service: the operator's Kafka client properties
 * (what Micronaut gives for {@code kafka.*}: {@code bootstrap.servers}, {@code security.protocol},
 * {@code sasl.*}, {@code ssl.*} ...), the registry URL and the registry's optional basic-auth user info.
 * {@link #layer} puts them under or over a {@link KafkaConventions} map so that security and connection settings
 * reach every client while the conventions' safety settings stay as they are.
 */
public final class ClientSettings {
    /** Where {@code infra/bin/platform start} and the demo run the broker and registry. */
    public static final String LOCAL_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String LOCAL_REGISTRY_URL = "http://localhost:8085/apis/ccompat/v7";
    /** Batching and compression: explicit settings win over the conventions' (e.g. no lz4 on the broker). */
    public static final List<String> TUNABLE = List.of("compression.type", "linger.ms", "batch.size");
    /**
     * What makes Timbre's delivery guarantees; never taken from the operator's properties, whatever they say:
     * a stray {@code acks=1} or {@code isolation.level=read_uncommitted} would silently lose or duplicate data.
     */
    public static final List<String> SAFETY = List.of("enable.idempotence", "acks", "isolation.level",
            "processing.guarantee");

    private static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    private static final String STREAMS_APPLICATION_ID = "application.id";
    private static final String STREAMS_PRODUCER_PREFIX = "producer.";

    private final Map<String, String> kafka;
    private final String registryUrl;
    private final String registryUserInfo;

    /**
     * @param kafka            Kafka client properties, e.g. Micronaut's {@code kafka.*} as a flat map; values may be
     *                         of any type (stringified, collections comma-joined), null values are ignored
     * @param registryUrl      {@code schema.registry.url}; null when the caller's clients use no registry
     * @param registryUserInfo {@code user:password} for the registry's basic auth; null or blank for none
     */
    public ClientSettings(Map<String, ?> kafka, String registryUrl, String registryUserInfo) {
        Map<String, String> props = new HashMap<>();
        if (kafka != null) {
            kafka.forEach((key, value) -> {
                // Kafka's own names use dots only; hyphenated keys are Micronaut's extra spellings of environment
                // variables (KAFKA_SASL_JAAS_CONFIG also yields sasl-jaas.config ...) and would only produce warnings.
                if (key != null && !key.contains("-") && value != null) {
                    props.put(key, stringify(value));
                }
            });
        }
        this.kafka = Map.copyOf(props);
        this.registryUrl = blankToNull(registryUrl);
        this.registryUserInfo = blankToNull(registryUserInfo);
    }

    /**
     * These settings with a service's own connection keys (e.g. {@code timbre.classification.bootstrap-servers}) in place
     * of the shared ones; a null or blank argument keeps the shared value.
     */
    public ClientSettings overriding(String bootstrapServers, String registryUrl) {
        Map<String, String> props = new HashMap<>(kafka);
        if (blankToNull(bootstrapServers) != null) {
            props.put(BOOTSTRAP_SERVERS, bootstrapServers);
        }
        return new ClientSettings(props, blankToNull(registryUrl) != null ? registryUrl : this.registryUrl,
                registryUserInfo);
    }

    /**
     * A service's settings: its own connection keys over the shared ones ({@link #overriding}), and where neither
     * names a broker or registry, the local platform's ({@link #LOCAL_BOOTSTRAP_SERVERS}, {@link #LOCAL_REGISTRY_URL}).
     */
    public ClientSettings forService(String bootstrapServers, String registryUrl) {
        ClientSettings settings = overriding(bootstrapServers, registryUrl);
        return settings.overriding(settings.bootstrapServers() == null ? LOCAL_BOOTSTRAP_SERVERS : null,
                settings.registryUrl() == null ? LOCAL_REGISTRY_URL : null);
    }

    /** The operator's client properties (hyphenated spellings dropped, values as strings); a fresh, mutable map. */
    public Map<String, Object> clientProperties() {
        return new HashMap<>(kafka);
    }

    /**
     * Settings for timbre-platform's Avro serdes in Confluent's vocabulary: registry URL, specific records,
     * schema auto-registration and, when user info is set, basic auth. A fresh, mutable map.
     */
    public Map<String, Object> serdeProperties() {
        Map<String, Object> props = new HashMap<>();
        if (registryUrl != null) {
            props.put(RegistryConfig.URL, registryUrl);
        }
        props.put("specific.avro.reader", "true");
        props.put("auto.register.schemas", "true");
        props.putAll(registryAuth());
        return props;
    }

    /** The registry's basic-auth settings alone; empty without user info. */
    public Map<String, Object> registryAuth() {
        Map<String, Object> props = new HashMap<>();
        if (registryUserInfo != null) {
            props.put(RegistryConfig.CREDENTIALS_SOURCE, "USER_INFO");
            props.put(RegistryConfig.USER_INFO, registryUserInfo);
        }
        return props;
    }

    /** The {@link #TUNABLE} settings the operator gave explicitly. A fresh, mutable map. */
    public Map<String, Object> tuningOverrides() {
        Map<String, Object> overrides = new HashMap<>();
        for (String key : TUNABLE) {
            if (kafka.containsKey(key)) {
                overrides.put(key, kafka.get(key));
            }
        }
        return overrides;
    }

    /**
     * A client's full configuration: the operator's properties, then the given conventions (a
     * {@link KafkaConventions} map plus the service's own adjustments) over them, then the tuning overrides (as
     * {@code producer.*} for a Streams app, whose producer settings the conventions set that way), then the
     * registry's auth for clients that configure their serdes from this map (those whose conventions name a
     * registry). Security and connection settings therefore always pass through, and the conventions' values of
     * {@link #SAFETY} always stand.
     */
    public Map<String, Object> layer(Map<String, ?> conventions) {
        Objects.requireNonNull(conventions, "conventions");
        Map<String, Object> props = clientProperties();
        props.putAll(conventions);
        boolean streams = conventions.containsKey(STREAMS_APPLICATION_ID);
        tuningOverrides().forEach((key, value) -> props.put(streams ? STREAMS_PRODUCER_PREFIX + key : key, value));
        if (conventions.containsKey(RegistryConfig.URL)) {
            serdeProperties().forEach(props::putIfAbsent);
        }
        for (String key : SAFETY) {
            if (conventions.containsKey(key)) {
                props.put(key, conventions.get(key));
            } else if (kafka.containsKey(key)) {
                // the conventions leave it at Kafka's default (e.g. a plain consumer's isolation): so does the operator
                props.remove(key);
            }
        }
        return props;
    }

    /** {@code bootstrap.servers} from the operator's properties, or null. */
    public String bootstrapServers() {
        return kafka.get(BOOTSTRAP_SERVERS);
    }

    /** The registry URL, or null. */
    public String registryUrl() {
        return registryUrl;
    }

    /** The registry's basic-auth user info, or null. */
    public String registryUserInfo() {
        return registryUserInfo;
    }

    private static String stringify(Object value) {
        if (value instanceof Collection<?> values) {
            // a YAML list of brokers (or an env var Micronaut split at commas) is Kafka's comma-separated list
            return values.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        // never print credentials (JAAS config, passwords, registry user info)
        return "ClientSettings{keys=" + kafka.keySet() + ", registryUrl=" + registryUrl + ", registryAuth="
                + (registryUserInfo != null) + "}";
    }
}
