package dev.timbre.platform.http;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/** Checks presented service tokens (constant time, every configured token) and gives the one to present. */
@Singleton
public class ServiceCredentials {
    private final List<byte[]> accepted;
    private final String presented;

    public ServiceCredentials(ServiceAuthConfig config) {
        this.accepted = config.tokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        this.presented = config.tokens().isEmpty() ? null : config.tokens().get(0);
    }

    /** The {@code Authorization} header value to send to another Timbre service, if a token is configured. */
    public Optional<String> authorizationHeader() {
        return Optional.ofNullable(presented).map(t -> "Bearer " + t);
    }

    public boolean hasTokens() {
        return !accepted.isEmpty();
    }

    /** True when the header carries one of the configured tokens. */
    public boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] offered = authorizationHeader.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] token : accepted) {
            match |= MessageDigest.isEqual(token, offered);
        }
        return match;
    }
}
