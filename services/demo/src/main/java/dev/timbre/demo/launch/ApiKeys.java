package dev.timbre.demo.launch;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fresh API keys for one run: an "admin" key (ADMIN role) and one USER key per user id. */
public record ApiKeys(Map<String, String> byPrincipal) {
    public static final String ADMIN = "admin";

    public static ApiKeys generate(List<String> users) {
        SecureRandom random = new SecureRandom();
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(ADMIN, "run-admin-" + HexFormat.of().formatHex(random.generateSeed(12)));
        users.forEach(u -> keys.put(u, "run-" + u + "-" + HexFormat.of().formatHex(random.generateSeed(12))));
        return new ApiKeys(Map.copyOf(keys));
    }

    public String of(String principal) {
        String key = byPrincipal.get(principal);
        if (key == null) {
            throw new IllegalArgumentException("no API key for '" + principal + "'");
        }
        return key;
    }

    /** ingest's {@code timbre.security.api-keys} format: {@code key=principal:ROLE, ...}. */
    public String table() {
        List<String> entries = new ArrayList<>();
        byPrincipal.forEach((principal, key) ->
                entries.add(key + "=" + principal + ":" + (ADMIN.equals(principal) ? "ADMIN" : "USER")));
        return String.join(",", entries);
    }
}
