package dev.timbre.ingest.security;

import dev.timbre.ingest.config.IngestConfig;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys this instance accepts ({@link IngestConfig.Security}). Configured with {@code timbre.security.api-keys} (see
 * {@link ApiKeyParser}). When none are configured the service runs in dev mode: it generates one admin key
 * and one key per {@code timbre.security.dev-users}, prints them at startup and writes them to
 * {@code timbre.security.dev-keys-file} so local scripts can pick them up.
 * Eager ({@code @Context}) so dev keys are printed at startup, not at the first request.
 */
@Context
public class ApiKeyRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyRegistry.class);

    private final Map<String, ApiKey> keys;
    private final boolean devMode;

    @Inject
    public ApiKeyRegistry(IngestConfig config) {
        this(config.security().apiKeys(), config.security().devUsers(), config.security().devKeysFile());
    }

    public ApiKeyRegistry(String table, List<String> devUsers, String devKeysFile) {
        Map<String, ApiKey> configured = ApiKeyParser.parse(table);
        this.devMode = configured.isEmpty();
        this.keys = devMode ? generateDevKeys(devUsers, devKeysFile) : configured;
    }

    /** Looks a presented key up in constant time per entry, so timing does not leak key prefixes. */
    public Optional<ApiKey> lookup(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        ApiKey match = null;
        for (ApiKey key : keys.values()) {
            if (MessageDigest.isEqual(given, key.key().getBytes(StandardCharsets.UTF_8))) {
                match = key;
            }
        }
        return Optional.ofNullable(match);
    }

    public boolean devMode() {
        return devMode;
    }

    /** The dev-mode key of a principal (for local scripts and tests); empty outside dev mode. */
    public Optional<String> devKeyOf(String principal) {
        if (!devMode) {
            return Optional.empty();
        }
        return keys.values().stream().filter(k -> k.principal().equals(principal)).map(ApiKey::key).findFirst();
    }

    private static Map<String, ApiKey> generateDevKeys(List<String> users, String file) {
        SecureRandom random = new SecureRandom();
        Map<String, ApiKey> generated = new LinkedHashMap<>();
        ApiKey admin = new ApiKey("dev-admin-" + token(random), "admin", Set.of(Roles.ADMIN));
        generated.put(admin.key(), admin);
        for (String user : users) {
            String name = user.trim();
            if (!name.isEmpty()) {
                ApiKey key = new ApiKey("dev-" + name + "-" + token(random), name, Set.of(Roles.USER));
                generated.put(key.key(), key);
            }
        }
        StringBuilder table = new StringBuilder();
        generated.values().forEach(k -> table.append(k.principal()).append('=').append(k.key()).append('\n'));
        LOG.warn("No API keys configured (timbre.security.api-keys): DEV MODE, generated keys:\n{}", table);
        if (file != null && !file.isBlank()) {
            try {
                Path path = Path.of(file).toAbsolutePath();
                Files.createDirectories(path.getParent());
                Files.writeString(path, table.toString());
                LOG.warn("Dev API keys written to {}", path);
            } catch (IOException e) {
                LOG.warn("Could not write dev API keys to {}: {}", file, e.toString());
            }
        }
        return generated;
    }

    private static String token(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
