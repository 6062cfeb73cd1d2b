package dev.timbre.recommendation.topology;

import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.schema.recommendation.RecommendationList;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.timbre.recommendation.topology.TopologyFixture.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new song reaches the lists of the users whose candidates it enters, and only theirs. */
class NewSongFanOutTest {

    private TopologyFixture t;

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
    }

    private static float[] axisMix(int axis, double main, int other, double rest) {
        float[] v = vec();
        v[axis] = (float) main;
        v[other] = (float) rest;
        return v;
    }

    @Test
    void newSongIsPushedToTheUsersItWouldReachWithoutTheirNextEvent() {
        RecommendationConfig c = TopologyFixture.defaults().with(b -> b.topN(3).candidatePool(3).candidatesPerLike(3));
        t = new TopologyFixture(c);
        // Two taste regions: jazz around axis 0, rock around axis 10; a few songs each.
        for (int i = 1; i <= 6; i++) {
            t.song("J" + i, "J" + i, "Jazz artist " + i, "jazz", axisMix(0, 1, i, 0.3 + 0.1 * i));
            t.song("R" + i, "R" + i, "Rock artist " + i, "rock", axisMix(10, 1, 10 + i, 0.3 + 0.1 * i));
        }
        t.like("jazzfan", "J1");
        t.like("jazzfan2", "J2");
        t.like("rockfan", "R1");
        t.driver.advanceWallClockTime(Duration.ofSeconds(1)); // nothing new yet
        t.lists.readRecordsToList();
        assertFalse(t.ranked("jazzfan").contains("NEW"));

        long songsBefore = t.catalog.fanOut.songs.get();
        // A song closer to the jazz fans' taste than anything they have been recommended.
        t.song("NEW", "New jazz", "Newcomer", "jazz", axisMix(0, 1, 1, 0.2));
        assertTrue(t.lists.isEmpty(), "nothing before the fan-out punctuation");
        t.driver.advanceWallClockTime(c.newSongInterval());

        Map<String, RecommendationList> pushed = t.lists.readRecordsToList().stream()
                .collect(Collectors.toMap(TestRecord::key, TestRecord::value, (a, b) -> b));
        assertEquals(List.of("jazzfan", "jazzfan2"), pushed.keySet().stream().sorted().toList(),
                "only the users the song reaches get a new list");
        for (RecommendationList l : pushed.values()) {
            assertEquals("new-song:NEW", l.getTriggeredBy());
            assertEquals("NEW", l.getItems().get(0).getSongId(), "the closest song ranks first: " + l);
        }
        assertEquals("NEW", t.ranked("jazzfan").get(0), "the stored (queryable) list is the pushed one");
        assertFalse(t.ranked("rockfan").contains("NEW"));

        // Fanned out once: a later punctuation does not push it again.
        t.driver.advanceWallClockTime(c.newSongInterval());
        assertTrue(t.lists.isEmpty());
        assertEquals(songsBefore + 1, t.catalog.fanOut.songs.get());
    }

    @Test
    void aSongTheUserAlreadyHeardIsNotPushed() {
        RecommendationConfig c = TopologyFixture.defaults();
        t = new TopologyFixture(c);
        t.song("J1", "J1", "a", "jazz", axisMix(0, 1, 1, 0.3));
        t.like("u", "J1");
        t.lists.readRecordsToList();
        // The user listened to the song before its profile arrived (an unresolved event).
        t.send("u", "LATE", dev.timbre.schema.user.UserEventType.LISTENED, 1f);
        t.lists.readRecordsToList();
        t.song("LATE", "Late", "b", "jazz", axisMix(0, 1, 2, 0.2));
        t.driver.advanceWallClockTime(c.newSongInterval());
        assertTrue(t.lists.isEmpty(), "heard songs are never recommended, new or not");
    }
}
