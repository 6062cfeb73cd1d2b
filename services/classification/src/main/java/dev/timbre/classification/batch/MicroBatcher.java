package dev.timbre.classification.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Collects items into batches for the CNN: a batch is released when it holds {@code maxSize} items
 * or when its oldest item has waited {@code maxWait}, whichever comes first. One batched forward pass
 * is much cheaper per window than many single ones, but a lone window must not wait forever.
 *
 * <p>Not thread-safe: the inference loop owns it. The clock is injected (nanoseconds) so the time
 * trigger is testable without sleeping.
 */
public final class MicroBatcher<T> {

    private final int maxSize;
    private final long maxWaitNanos;
    private final LongSupplier nanoClock;
    private List<T> pending;
    private long oldestAtNanos;

    public MicroBatcher(int maxSize, Duration maxWait, LongSupplier nanoClock) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("max batch size must be >= 1, got " + maxSize);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("max wait must not be negative, got " + maxWait);
        }
        this.maxSize = maxSize;
        this.maxWaitNanos = maxWait.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock);
        this.pending = new ArrayList<>(maxSize);
    }

    public MicroBatcher(int maxSize, Duration maxWait) {
        this(maxSize, maxWait, System::nanoTime);
    }

    /**
     * Adds an item. Returns the full batch when this item completed it (size trigger), else an empty list.
     */
    public List<T> add(T item) {
        if (pending.isEmpty()) {
            oldestAtNanos = nanoClock.getAsLong();
        }
        pending.add(item);
        return pending.size() >= maxSize ? drain() : List.of();
    }

    /** Returns the pending batch if its oldest item has waited {@code maxWait} (time trigger), else an empty list. */
    public List<T> pollExpired() {
        if (!pending.isEmpty() && nanoClock.getAsLong() - oldestAtNanos >= maxWaitNanos) {
            return drain();
        }
        return List.of();
    }

    /** Releases whatever is pending, e.g. before a rebalance or shutdown. */
    public List<T> drain() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<T> batch = pending;
        pending = new ArrayList<>(maxSize);
        return batch;
    }

    /**
     * How long the caller may block waiting for more items before the time trigger fires: the full
     * {@code idle} when nothing is pending, else what is left of the oldest item's wait (never negative).
     */
    public Duration timeUntilDue(Duration idle) {
        if (pending.isEmpty()) {
            return idle;
        }
        long left = maxWaitNanos - (nanoClock.getAsLong() - oldestAtNanos);
        return Duration.ofNanos(Math.max(0, left));
    }

    public int pendingCount() {
        return pending.size();
    }

    public int maxSize() {
        return maxSize;
    }
}
