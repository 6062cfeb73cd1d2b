package dev.timbre.recommendation.topology;

import dev.timbre.recommendation.candidates.AdaptiveCandidateIndex;
import dev.timbre.recommendation.catalog.Catalog;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The embedding size is the model's, learned from the first valid profile; other sizes are rejected. */
class EmbeddingSizeTest {

    private TopologyFixture t;

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
    }

    private static float[] v(int dims, int axis, double cos) {
        float[] x = new float[dims];
        x[0] = (float) cos;
        x[axis] = (float) Math.sqrt(1 - cos * cos);
        return x;
    }

    @Test
    void sizeIsLearnedFromTheFirstProfileAndOthersAreRejected() {
        Catalog learning = Catalog.learning(d -> AdaptiveCandidateIndex.withHnsw(d, 25_000), 100);
        t = new TopologyFixture(TopologyFixture.defaults(), learning);
        assertEquals(0, learning.dimensions());

        t.song("A", "A", "a", "jazz", v(32, 1, 1.0));
        t.song("B", "B", "b", "jazz", v(32, 2, 0.9));
        t.song("C", "C", "c", "jazz", v(32, 3, 0.8));
        t.song("WRONG", "Wrong", "w", "jazz", v(64, 4, 0.95)); // another model's size
        assertEquals(32, learning.dimensions());
        assertNull(learning.song("WRONG"), "a profile of another size stays out of the catalog");
        List<String> recommendable = t.statuses.readRecordsToList().stream().map(TestRecord::key).toList();
        assertEquals(List.of("A", "B", "C"), recommendable);

        t.like("u1", "A");
        assertFalse(t.storedList("u1").getColdStart());
        assertEquals(List.of("B", "C"), t.ranked("u1"));
        assertEquals(32, t.taste("u1").vector.length);
    }
}
