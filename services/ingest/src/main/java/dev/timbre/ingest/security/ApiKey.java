package dev.timbre.ingest.security;

import java.util.Set;

/** Who an API key authenticates as, and with which roles. */
public record ApiKey(String key, String principal, Set<String> roles) {
    public ApiKey {
        roles = Set.copyOf(roles);
    }
}
