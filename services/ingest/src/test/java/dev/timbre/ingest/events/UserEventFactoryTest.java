package dev.timbre.ingest.events;

import dev.timbre.ingest.register.RejectedRequestException;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserEventFactoryTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private final UserEventFactory factory = new UserEventFactory(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void buildsEventsWithFreshIdsAndDefaults() {
        UserEvent a = factory.create("alice", "song-1", "Liked", null, null);
        UserEvent b = factory.create("alice", "song-1", "liked", null, null);
        assertEquals(UserEventType.LIKED, a.getType());
        assertEquals(NOW, a.getTimestamp());
        assertNull(a.getListenedFraction());
        assertNotEquals(a.getEventId(), b.getEventId());
        UUID.fromString(a.getEventId());
    }

    @Test
    void acceptsIsoAndEpochTimestampsAndFractions() {
        UserEvent iso = factory.create("bob", "s", "listened", 0.75, "2024-04-30T10:00:00Z");
        assertEquals(Instant.parse("2024-04-30T10:00:00Z"), iso.getTimestamp());
        assertEquals(0.75f, iso.getListenedFraction());
        UserEvent epoch = factory.create("bob", "s", "skipped", 0.1, 1714471200000L);
        assertEquals(Instant.ofEpochMilli(1714471200000L), epoch.getTimestamp());
    }

    @Test
    void rejectsBadInputWithAllReasons() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> factory.create("alice", " ", "played", 1.5, "yesterday"));
        assertTrue(e.getMessage().contains("songId is required"));
        assertTrue(e.getMessage().contains("type must be one of"));
        assertTrue(e.getMessage().contains("listenedFraction"));
        assertTrue(e.getMessage().contains("timestamp"));
        assertThrows(RejectedRequestException.class, () -> factory.create("alice", "s", "unknown", null, null));
        assertThrows(RejectedRequestException.class, () -> factory.create("alice", "s", null, null, null));
        assertThrows(RejectedRequestException.class, () -> factory.create("al/ice", "s", "liked", null, null));
        assertThrows(RejectedRequestException.class,
                () -> factory.create("alice", "s", "liked", null, "2024-05-02T12:00:00Z"), "a day in the future");
    }
}
