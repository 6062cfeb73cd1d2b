package dev.timbre.ingest.security;

import io.micronaut.security.authentication.Authentication;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaTokensTest {
    private static final byte[] SECRET = "a-test-secret-of-32-bytes-length".getBytes(StandardCharsets.UTF_8);

    private static MediaTokens at(Instant now) {
        return new MediaTokens(SECRET, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenCarriesItsPrincipalAndRolesUntilItExpires() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        MediaTokens.Issued issued = at(now).issue(Authentication.build("alice", List.of(Roles.USER)));
        assertEquals(now.plus(Duration.ofHours(1)), issued.expiresAt());
        Authentication back = at(now.plusSeconds(3599)).verify(issued.token()).orElseThrow();
        assertEquals("alice", back.getName());
        assertEquals(List.of(Roles.USER), List.copyOf(back.getRoles()));
        assertTrue(at(now.plusSeconds(3600)).verify(issued.token()).isEmpty(), "expired");
    }

    @Test
    void forgedOrDamagedTokensAreRefused() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        String token = at(now).issue(Authentication.build("alice", List.of(Roles.USER))).token();
        String body = token.substring(0, token.indexOf('.'));
        String forgedBody = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("alice|ADMIN|9999999999".getBytes(StandardCharsets.UTF_8));
        MediaTokens tokens = at(now);
        assertTrue(tokens.verify(forgedBody + token.substring(token.indexOf('.'))).isEmpty(), "roles cannot be raised");
        assertTrue(tokens.verify(body + ".AAAA").isEmpty());
        assertTrue(tokens.verify(body).isEmpty());
        assertTrue(tokens.verify("%%%.%%%").isEmpty());
        assertTrue(tokens.verify(null).isEmpty());
        MediaTokens otherSecret = new MediaTokens("another-secret-of-32-bytes-long!".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
        assertTrue(otherSecret.verify(token).isEmpty(), "another instance's secret");
        assertThrows(IllegalArgumentException.class, () -> new MediaTokens("short".getBytes(), Duration.ofHours(1), Clock.systemUTC()));
    }

    @Test
    void onlyTheMediaRoutesAcceptTokens() {
        assertTrue(MediaTokens.MEDIA_PATHS.matcher("/songs/abc/audio").matches());
        assertTrue(MediaTokens.MEDIA_PATHS.matcher("/songs/abc/spectrogram.png").matches());
        assertTrue(MediaTokens.MEDIA_PATHS.matcher("/users/alice/recommendations/stream").matches());
        assertFalse(MediaTokens.MEDIA_PATHS.matcher("/users/alice/recommendations").matches());
        assertFalse(MediaTokens.MEDIA_PATHS.matcher("/users/alice/events").matches());
        assertFalse(MediaTokens.MEDIA_PATHS.matcher("/web/token").matches());
        assertFalse(MediaTokens.MEDIA_PATHS.matcher("/songs").matches());
    }
}
