package dev.timbre.ingest.security;

import dev.timbre.ingest.config.IngestConfig;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Short-lived signed tokens for what a browser loads without headers: {@code <audio src>}, {@code <img src>} and
 * {@code EventSource} cannot send {@code Authorization}, and an API key in a URL would end up in logs and history.
 * A token is {@code base64url(principal|ROLE,ROLE|expiryEpochSeconds).base64url(HMAC-SHA256)}; it is issued to a
 * caller who presented a real API key ({@code GET /web/token}), carries that caller's principal and roles, expires
 * after {@code timbre.web.token-ttl} ({@link IngestConfig.Web}, 1 h), and is accepted only as the {@code access_token} query parameter of the
 * GET media routes ({@link #MEDIA_PATHS}): audio, spectrogram and the list's event stream. It can neither upload, post
 * events nor mint another token. The key is {@code timbre.web.token-secret} (set the same value on every instance
 * behind one load balancer) or, when unset, random per process (tokens then die with it).
 */
@Singleton
public class MediaTokens {
    public static final String PARAMETER = "access_token";
    /** The only routes a media token opens (GET only). */
    public static final Pattern MEDIA_PATHS = Pattern.compile(
            "/songs/[^/]+/(audio|spectrogram\\.png)|/users/[^/]+/recommendations/stream");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;

    @Inject
    public MediaTokens(IngestConfig config) {
        this(config.web().tokenSecret().isBlank() ? random() : config.web().tokenSecret().getBytes(StandardCharsets.UTF_8),
                config.web().tokenTtl(), Clock.systemUTC());
    }

    MediaTokens(byte[] secret, Duration ttl, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("timbre.web.token-secret must be at least 16 bytes");
        }
        this.secret = secret.clone();
        this.ttl = ttl;
        this.clock = clock;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(Authentication who) {
        Instant expires = clock.instant().plus(ttl);
        String payload = who.getName() + "|" + String.join(",", who.getRoles()) + "|" + expires.getEpochSecond();
        String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return new Issued(body + "." + B64.encodeToString(mac(body)), expires);
    }

    /** The token's principal and roles, when it is well formed, signed by us and not expired. */
    public Optional<Authentication> verify(String token) {
        if (token == null || token.length() > 1024) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String body = token.substring(0, dot);
        try {
            byte[] presented = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(presented, mac(body))) {
                return Optional.empty();
            }
            String[] parts = new String(B64D.decode(body), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 3 || parts[0].isEmpty()) {
                return Optional.empty();
            }
            if (clock.instant().getEpochSecond() >= Long.parseLong(parts[2])) {
                return Optional.empty();
            }
            List<String> roles = new ArrayList<>(parts[1].isEmpty() ? List.of() : List.of(parts[1].split(",")));
            return Optional.of(Authentication.build(parts[0], roles));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
