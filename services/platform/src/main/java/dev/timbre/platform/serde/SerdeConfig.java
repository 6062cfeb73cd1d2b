package dev.timbre.platform.serde;

import dev.timbre.platform.subject.SubjectNameStrategy;
import dev.timbre.platform.subject.SubjectNames;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** The serde settings (Confluent's keys) beyond how to reach the registry. */
record SerdeConfig(boolean autoRegister, boolean useLatestVersion, SubjectNameStrategy subjectNameStrategy, Class<?> specificType) {
    static final String AUTO_REGISTER = "auto.register.schemas";
    static final String USE_LATEST_VERSION = "use.latest.version";
    static final String KEY_TYPE = "specific.avro.key.type";
    static final String VALUE_TYPE = "specific.avro.value.type";

    static SerdeConfig from(Map<String, ?> configs, boolean isKey) {
        return new SerdeConfig(bool(configs, AUTO_REGISTER, true), bool(configs, USE_LATEST_VERSION, false),
                SubjectNames.fromConfig(configs, isKey), type(configs, isKey ? KEY_TYPE : VALUE_TYPE));
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (!text.equals("true") && !text.equals("false")) {
            throw new ConfigException(key, value, "expected true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private static Class<?> type(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Class<?> c) {
            return c;
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return Class.forName(value.toString().trim(), true, loader != null ? loader : SerdeConfig.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, value, "class not found");
        }
    }
}
