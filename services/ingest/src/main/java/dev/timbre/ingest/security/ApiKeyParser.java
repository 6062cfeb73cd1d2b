package dev.timbre.ingest.security;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the key table from one string so it fits in an environment variable or a Kubernetes secret:
 * entries {@code <key>=<principal>:<ROLE>[|<ROLE>...]} separated by commas, semicolons or whitespace, e.g.
 * {@code "k-admin=admin:ADMIN, k-alice=alice:USER"}.
 */
public final class ApiKeyParser {

    /** Keys must be long enough not to be guessable by accident and free of separators. */
    static final int MIN_KEY_LENGTH = 8;

    private ApiKeyParser() {
    }

    public static Map<String, ApiKey> parse(String table) {
        Map<String, ApiKey> keys = new LinkedHashMap<>();
        if (table == null || table.isBlank()) {
            return keys;
        }
        for (String entry : table.trim().split("[,;\\s]+")) {
            int eq = entry.indexOf('=');
            int colon = entry.indexOf(':', eq + 1);
            if (eq <= 0 || colon < 0) {
                throw new IllegalArgumentException("API key entry must be <key>=<principal>:<ROLE>[|<ROLE>], got '" + redact(entry) + "'");
            }
            String key = entry.substring(0, eq);
            String principal = entry.substring(eq + 1, colon);
            if (key.length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException("API key for '" + principal + "' is shorter than " + MIN_KEY_LENGTH + " characters");
            }
            if (principal.isBlank()) {
                throw new IllegalArgumentException("API key entry '" + redact(entry) + "' has no principal");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String role : entry.substring(colon + 1).split("\\|")) {
                String normalised = role.trim().toUpperCase(Locale.ROOT);
                if (!normalised.equals(Roles.ADMIN) && !normalised.equals(Roles.USER)) {
                    throw new IllegalArgumentException("unknown role '" + role + "' for '" + principal + "' (expected ADMIN or USER)");
                }
                roles.add(normalised);
            }
            if (keys.put(key, new ApiKey(key, principal, roles)) != null) {
                throw new IllegalArgumentException("duplicate API key for '" + principal + "'");
            }
        }
        return keys;
    }

    /** Never echo a secret back into logs or error messages. */
    private static String redact(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? "***" : "***" + entry.substring(eq);
    }
}
