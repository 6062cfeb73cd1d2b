package dev.timbre.platform.subject;

import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * Picks the strategy from {@code key.subject.name.strategy} / {@code value.subject.name.strategy}. Accepts our
 * class names, Confluent's ({@code io.confluent.kafka.serializers.subject.*}, so existing configs keep working),
 * the short names, a {@link Class}, or any class implementing {@link SubjectNameStrategy}.
 */
public final class SubjectNames {
    public static final String KEY_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_STRATEGY = "value.subject.name.strategy";

    private static final Map<String, SubjectNameStrategy> BUILT_IN = Map.of(
            "topicnamestrategy", new TopicNameStrategy(),
            "recordnamestrategy", new RecordNameStrategy(),
            "topicrecordnamestrategy", new TopicRecordNameStrategy());

    public static SubjectNameStrategy fromConfig(Map<String, ?> configs, boolean isKey) {
        String key = isKey ? KEY_STRATEGY : VALUE_STRATEGY;
        Object value = configs.get(key);
        if (value == null || value.toString().isBlank()) {
            return new TopicNameStrategy();
        }
        if (value instanceof SubjectNameStrategy strategy) {
            return strategy;
        }
        String className = value instanceof Class<?> c ? c.getName() : value.toString().trim();
        String simple = className.substring(className.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        boolean known = className.startsWith("io.confluent.") || className.startsWith(SubjectNames.class.getPackageName() + ".")
                || !className.contains(".");
        if (known && BUILT_IN.containsKey(simple)) {
            return BUILT_IN.get(simple);
        }
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : SubjectNames.class.getClassLoader());
            return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ConfigException(key, className, "not a known subject name strategy (TopicNameStrategy, RecordNameStrategy,"
                    + " TopicRecordNameStrategy) nor a class implementing " + SubjectNameStrategy.class.getName());
        }
    }

    static String recordName(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("Record name strategies need a record schema, got " + schema.getType());
        }
        return schema.getFullName();
    }

    private SubjectNames() {
    }
}
