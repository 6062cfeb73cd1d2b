package dev.timbre.classification.batch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicroBatcherTest {

    private final AtomicLong now = new AtomicLong(1_000_000L);

    private MicroBatcher<Integer> batcher(int size, long waitMillis) {
        return new MicroBatcher<>(size, Duration.ofMillis(waitMillis), now::get);
    }

    private void advanceMillis(long millis) {
        now.addAndGet(Duration.ofMillis(millis).toNanos());
    }

    @Test
    void releasesABatchWhenItReachesMaxSize() {
        MicroBatcher<Integer> b = batcher(3, 20);
        assertTrue(b.add(1).isEmpty());
        assertTrue(b.add(2).isEmpty());
        assertEquals(List.of(1, 2, 3), b.add(3));
        assertEquals(0, b.pendingCount());
        assertTrue(b.add(4).isEmpty(), "a new batch starts after the full one");
        assertEquals(1, b.pendingCount());
    }

    @Test
    void releasesAPartialBatchWhenItsOldestItemHasWaitedMaxWait() {
        MicroBatcher<Integer> b = batcher(64, 20);
        b.add(1);
        advanceMillis(15);
        b.add(2);
        assertTrue(b.pollExpired().isEmpty(), "15 ms < 20 ms");
        advanceMillis(5);
        assertEquals(List.of(1, 2), b.pollExpired(), "the wait counts from the oldest item, not the newest");
        assertTrue(b.pollExpired().isEmpty());
    }

    @Test
    void nothingPendingNeverExpires() {
        MicroBatcher<Integer> b = batcher(4, 0);
        advanceMillis(1000);
        assertTrue(b.pollExpired().isEmpty());
    }

    @Test
    void timeUntilDueTellsThePollerHowLongItMayBlock() {
        MicroBatcher<Integer> b = batcher(64, 20);
        Duration idle = Duration.ofMillis(500);
        assertEquals(idle, b.timeUntilDue(idle), "nothing pending: block as long as the idle poll");
        b.add(1);
        advanceMillis(8);
        assertEquals(Duration.ofMillis(12), b.timeUntilDue(idle));
        advanceMillis(30);
        assertEquals(Duration.ZERO, b.timeUntilDue(idle), "overdue is zero, never negative");
    }

    @Test
    void drainReleasesWhateverIsPending() {
        MicroBatcher<Integer> b = batcher(64, 20);
        b.add(7);
        b.add(8);
        assertEquals(List.of(7, 8), b.drain());
        assertTrue(b.drain().isEmpty());
    }

    @Test
    void batchOfOneIsReleasedImmediately() {
        MicroBatcher<Integer> b = batcher(1, 20);
        assertEquals(List.of(5), b.add(5));
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThrows(IllegalArgumentException.class, () -> batcher(0, 20));
        assertThrows(IllegalArgumentException.class, () -> new MicroBatcher<>(1, Duration.ofMillis(-1)));
    }
}
