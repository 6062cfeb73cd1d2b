package dev.timbre.features.consume;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionProgressTest {

    @Test
    void neverCommitsPastARecordStillInFlight() {
        PartitionProgress p = new PartitionProgress();
        p.started(10);
        p.started(11);
        p.started(12);
        p.completed(12); // a short song overtakes two long ones
        assertEquals(OptionalLong.of(10), p.committable(), "10 is still being processed");
        p.completed(10);
        assertEquals(OptionalLong.of(11), p.committable());
        p.committed(11);
        assertTrue(p.committable().isEmpty(), "nothing new to commit");
        p.completed(11);
        assertEquals(OptionalLong.of(13), p.committable(), "all done: next read is 13");
        assertTrue(p.idle());
    }

    @Test
    void nothingToCommitBeforeTheFirstRecordFinishes() {
        PartitionProgress p = new PartitionProgress();
        assertTrue(p.committable().isEmpty());
        p.started(0);
        assertTrue(p.committable().isEmpty());
        p.completed(0);
        assertEquals(OptionalLong.of(1), p.committable());
        p.completed(5); // not started by this instance: ignored
        assertEquals(OptionalLong.of(1), p.committable());
    }
}
