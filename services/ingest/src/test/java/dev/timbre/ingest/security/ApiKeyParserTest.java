package dev.timbre.ingest.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyParserTest {

    @Test
    void parsesEntriesWithOneOrSeveralRoles() {
        Map<String, ApiKey> keys = ApiKeyParser.parse("k-admin-123=admin:ADMIN|user, k-alice-456=alice:USER;\n k-bob-7890=bob:USER");
        assertEquals(3, keys.size());
        assertEquals(new ApiKey("k-admin-123", "admin", Set.of("ADMIN", "USER")), keys.get("k-admin-123"));
        assertEquals("alice", keys.get("k-alice-456").principal());
        assertEquals(Set.of("USER"), keys.get("k-bob-7890").roles());
    }

    @Test
    void emptyTableMeansNoKeys() {
        assertTrue(ApiKeyParser.parse("").isEmpty());
        assertTrue(ApiKeyParser.parse(null).isEmpty());
    }

    @Test
    void rejectsMalformedEntriesWithoutEchoingTheSecret() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKeyParser.parse("supersecret-key"));
        assertFalse(e.getMessage().contains("supersecret"));
        assertThrows(IllegalArgumentException.class, () -> ApiKeyParser.parse("short=alice:USER"));
        assertThrows(IllegalArgumentException.class, () -> ApiKeyParser.parse("long-enough-key=alice:ROOT"));
        assertThrows(IllegalArgumentException.class, () -> ApiKeyParser.parse("long-enough-key=:USER"));
        assertThrows(IllegalArgumentException.class, () -> ApiKeyParser.parse("same-key-123=a:USER,same-key-123=b:USER"));
    }

    @Test
    void registryFindsOnlyExactKeysAndGeneratesDevKeysWhenNoneConfigured() {
        ApiKeyRegistry configured = new ApiKeyRegistry("k-alice-456=alice:USER", List.of("x"), "");
        assertFalse(configured.devMode());
        assertEquals("alice", configured.lookup("k-alice-456").orElseThrow().principal());
        assertTrue(configured.lookup("k-alice-45").isEmpty());
        assertTrue(configured.lookup("k-alice-4567").isEmpty());
        assertTrue(configured.lookup("").isEmpty());

        ApiKeyRegistry dev = new ApiKeyRegistry("", List.of("alice", "bob"), "");
        assertTrue(dev.devMode());
        String adminKey = dev.devKeyOf("admin").orElseThrow();
        assertEquals(Set.of(Roles.ADMIN), dev.lookup(adminKey).orElseThrow().roles());
        assertEquals(Set.of(Roles.USER), dev.lookup(dev.devKeyOf("bob").orElseThrow()).orElseThrow().roles());
        assertTrue(configured.devKeyOf("alice").isEmpty(), "configured keys are never exposed");
    }
}
