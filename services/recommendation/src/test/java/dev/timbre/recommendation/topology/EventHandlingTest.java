package dev.timbre.recommendation.topology;

import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import dev.timbre.schema.user.UserEventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.timbre.recommendation.topology.TopologyFixture.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Catalog intake, invalid events, unknown songs. */
class EventHandlingTest {

    private TopologyFixture t;

    @BeforeEach
    void open() {
        t = new TopologyFixture(TopologyFixture.defaults());
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aSongIsAnnouncedRecommendableOnceAndIsRecommendableAtOnce() {
        t.song("A", "A", "x", "jazz", vec(1));
        t.song("A", "A (remaster)", "x", "jazz", vec(1, 0.1)); // profile update
        t.song("B", "B", "y", "jazz", vec(0.9, 0.4));

        List<SongStatus> statuses = t.statuses.readValuesToList();
        assertEquals(List.of("A", "B"), statuses.stream().map(SongStatus::getSongId).toList());
        assertTrue(statuses.stream().allMatch(s -> s.getStage() == SongStage.RECOMMENDABLE));
        assertEquals("A (remaster)", t.catalog.song("A").title());

        t.like("u1", "A");
        assertEquals(List.of("B"), t.ranked("u1"));
    }

    @Test
    void invalidEventsAreDeadLetteredWithTheirReasonAndProcessingGoesOn() {
        t.song("A", "A", "x", "jazz", vec(1));
        t.song("B", "B", "y", "jazz", vec(0.9, 0.4));

        t.send(t.event("e1", "u1", "A", UserEventType.UNKNOWN, null));
        t.send(t.event("e2", "u1", "A", UserEventType.LISTENED, 1.5f));
        t.sendRaw("u1", "not avro".getBytes(StandardCharsets.UTF_8));
        var misKeyed = t.event("e3", "u2", "A", UserEventType.LIKED, null);
        t.send("u1", misKeyed);
        t.like("u1", "A");

        List<DeadLetter> dead = t.deadLetters.readValuesToList();
        assertEquals(4, dead.size());
        assertEquals("unknown event type", dead.get(0).getReason());
        assertEquals("listenedFraction 1.5 is outside 0..1", dead.get(1).getReason());
        assertTrue(dead.get(2).getReason().startsWith("undecodable user event"), dead.get(2).getReason());
        assertEquals("not avro", StandardCharsets.UTF_8.decode(dead.get(2).getValue()).toString());
        assertEquals("record key 'u1' is not the event's userId 'u2'", dead.get(3).getReason());
        assertTrue(dead.stream().allMatch(d -> d.getSourceTopic().equals("user.events") && d.getService().equals("recommendation")));

        assertEquals(List.of("B"), t.ranked("u1"), "valid events after the bad ones are processed");
        assertEquals(1, t.taste("u1").events);
    }

    @Test
    void eventsForSongsWithoutAProfileAreKeptButDoNotMoveTheTaste() {
        t.song("A", "A", "x", "jazz", vec(1));

        t.like("u1", "ghost");

        assertTrue(t.deadLetters.isEmpty());
        var taste = t.taste("u1");
        assertNotNull(taste);
        assertTrue(taste.liked.containsKey("ghost"));
        assertEquals(1, taste.unresolvedEvents);
        assertTrue(t.storedList("u1").getColdStart(), "no usable history yet");
        assertEquals(1L, t.likeCounts.readKeyValuesToMap().get("ghost"), "the like still counts");

        t.send("u1", "ghost", UserEventType.UNLIKED, null);
        assertFalse(t.taste("u1").liked.containsKey("ghost"));
        assertEquals(0L, t.likeCounts.readKeyValuesToMap().get("ghost"));
    }
}
