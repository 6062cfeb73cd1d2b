package dev.timbre.infra.topics;

import dev.timbre.infra.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The declarative topic list ({@code infra/topics.yaml}) expanded into {@link TopicSpec}s, dead-letter
 * topics included. Unknown keys are errors so that a typo never silently drops a setting.
 */
public final class TopicCatalog {
    /** Classpath copy of {@code infra/topics.yaml}, packaged at build time. */
    public static final String RESOURCE = "/dev/timbre/infra/topics.yaml";
    public static final String DLQ_SUFFIX = ".dlq";
    /** Dead letters are kept long enough to investigate and replay them. */
    public static final long DEFAULT_DLQ_RETENTION_MS = 30L * 24 * 3600 * 1000;

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Set<String> DEFAULT_KEYS = Set.of("partitions", "replicationFactor", "dlqRetentionMs", "config");
    private static final Set<String> TOPIC_KEYS =
            Set.of("name", "partitions", "replicationFactor", "retentionMs", "cleanupPolicy", "dlq", "config");

    private final List<TopicSpec> topics;
    private final List<String> declaredNames;

    private TopicCatalog(List<TopicSpec> topics, List<String> declaredNames) {
        this.topics = List.copyOf(topics);
        this.declaredNames = List.copyOf(declaredNames);
    }

    /** The catalogue packaged with this module. */
    public static TopicCatalog bundled() {
        try (InputStream in = TopicCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new PlatformException("Resource " + RESOURCE + " missing from timbre-infra; rebuild infra");
            }
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new PlatformException("Cannot read " + RESOURCE, e);
        }
    }

    public static TopicCatalog load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new PlatformException("Cannot read topic list " + file + ": " + e.getMessage(), e);
        }
    }

    public static TopicCatalog parse(InputStream yaml, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw new PlatformException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        Map<String, Object> doc = map(root, source, "document");
        Map<String, Object> defaults = map(doc.getOrDefault("defaults", Map.of()), source, "defaults");
        checkKeys(defaults, DEFAULT_KEYS, source + " defaults");
        int defaultPartitions = integer(defaults.getOrDefault("partitions", 1), source, "defaults.partitions");
        int defaultReplication = integer(defaults.getOrDefault("replicationFactor", 1), source, "defaults.replicationFactor");
        long dlqRetention = longValue(defaults.getOrDefault("dlqRetentionMs", DEFAULT_DLQ_RETENTION_MS), source,
                "defaults.dlqRetentionMs");
        Map<String, String> defaultConfig = stringMap(defaults.getOrDefault("config", Map.of()), source, "defaults.config");

        if (!(doc.get("topics") instanceof List<?> list)) {
            throw new PlatformException(source + ": 'topics' must be a list");
        }
        List<TopicSpec> specs = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> topic = map(item, source, "topic entry");
            Object nameValue = topic.get("name");
            if (!(nameValue instanceof String name) || !LEGAL_NAME.matcher(name).matches()) {
                throw new PlatformException(source + ": topic without a legal 'name': " + topic);
            }
            String where = source + " topic " + name;
            checkKeys(topic, TOPIC_KEYS, where);
            int partitions = integer(topic.getOrDefault("partitions", defaultPartitions), where, "partitions");
            short replication = (short) integer(topic.getOrDefault("replicationFactor", defaultReplication), where,
                    "replicationFactor");
            Map<String, String> configs = new LinkedHashMap<>(defaultConfig);
            configs.putAll(stringMap(topic.getOrDefault("config", Map.of()), where, "config"));
            if (topic.containsKey("retentionMs")) {
                configs.put("retention.ms", String.valueOf(longValue(topic.get("retentionMs"), where, "retentionMs")));
            }
            String cleanup = String.valueOf(topic.getOrDefault("cleanupPolicy", "delete"));
            if (!Set.of("delete", "compact", "compact,delete", "delete,compact").contains(cleanup)) {
                throw new PlatformException(where + ": cleanupPolicy must be delete or compact, got " + cleanup);
            }
            configs.put("cleanup.policy", cleanup);
            addUnique(specs, new TopicSpec(name, partitions, replication, configs), source);
            declared.add(name);
            if (Boolean.TRUE.equals(topic.get("dlq"))) {
                addUnique(specs, new TopicSpec(name + DLQ_SUFFIX, partitions, replication, Map.of(
                        "cleanup.policy", "delete", "retention.ms", String.valueOf(dlqRetention))), source);
            } else if (topic.containsKey("dlq") && !(topic.get("dlq") instanceof Boolean)) {
                throw new PlatformException(where + ": dlq must be true or false");
            }
        }
        return new TopicCatalog(specs, declared);
    }

    /** Every topic to create, dead-letter topics included, in file order. */
    public List<TopicSpec> topics() {
        return topics;
    }

    /** The names written in the file (without the derived dead-letter topics). */
    public List<String> declaredNames() {
        return declaredNames;
    }

    /** The same catalogue with every topic's replication set to {@code replication} (e.g. 3 on a real cluster). */
    public TopicCatalog withReplicationFactor(short replication) {
        return new TopicCatalog(topics.stream().map(t -> t.withReplicationFactor(replication)).toList(), declaredNames);
    }

    private static void addUnique(List<TopicSpec> specs, TopicSpec spec, String source) {
        if (specs.stream().anyMatch(s -> s.name().equals(spec.name()))) {
            throw new PlatformException(source + ": topic " + spec.name() + " declared twice");
        }
        specs.add(spec);
    }

    private static void checkKeys(Map<String, Object> map, Set<String> allowed, String where) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new PlatformException(where + ": unknown key '" + key + "' (allowed: " + allowed + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String source, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new PlatformException(source + ": " + what + " must be a mapping, got " + value);
    }

    private static Map<String, String> stringMap(Object value, String source, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        map(value, source, what).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static int integer(Object value, String where, String key) {
        long v = longValue(value, where, key);
        if (v > Integer.MAX_VALUE || v < 1) {
            throw new PlatformException(where + ": " + key + " out of range: " + value);
        }
        return (int) v;
    }

    private static long longValue(Object value, String where, String key) {
        if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
            return n.longValue();
        }
        throw new PlatformException(where + ": " + key + " must be a whole number, got " + value);
    }
}
