package dev.timbre.features.consume;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Which offsets of one partition are being processed, so that the committed offset never passes a record
 * still in flight even though records finish out of order (a short song overtakes a long one).
 */
final class PartitionProgress {
    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long highestDone = -1;
    private long lastCommitted = -1;

    void started(long offset) {
        inFlight.add(offset);
    }

    void completed(long offset) {
        if (inFlight.remove(offset)) {
            highestDone = Math.max(highestDone, offset);
        }
    }

    boolean idle() {
        return inFlight.isEmpty();
    }

    /**
     * The offset to commit (the next record to read after a restart), when it moved since the last commit:
     * the oldest record still in flight, or one past the newest finished when none is.
     */
    OptionalLong committable() {
        long next = inFlight.isEmpty() ? highestDone + 1 : inFlight.first();
        if (next <= 0 || next <= lastCommitted) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(next);
    }

    void committed(long offset) {
        lastCommitted = Math.max(lastCommitted, offset);
    }
}
