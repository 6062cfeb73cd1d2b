package dev.timbre.platform.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a Timbre service runs a polling loop on its own thread (a consumer loop, a catalog feed): started
 * when the service calls {@link #start} (from its {@code ServerStartupEvent} listener, never a constructor), stopped
 * on shutdown by asking the loop to stop, waking it, and joining with a bound, and reporting a {@link RunState}.
 * The loop itself decides how it recovers from failures (each Timbre loop rebuilds its client and retries); a
 * loop that returns while it should be running, or throws, is {@link RunState#FAILED}.
 */
public final class ManagedWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedWorker.class);

    /** What the worker runs: loop until {@link #stop} is called. */
    public interface Loop {
        /** Runs until stopped; {@code running.get()} turns false when asked to stop. */
        void run(Running running) throws Exception;

        /**
         * Called first on {@link #close}, after {@code running} turned false: ask the loop to finish (it may drain
         * and commit). Default: nothing, the loop sees {@code running} on its next turn.
         */
        default void stopRequested() {
        }

        /** Called if the loop has not finished within the join timeout: interrupt its blocking call (e.g. {@code consumer.wakeup()}). */
        default void wakeup() {
        }
    }

    /** The loop's view of the worker: whether it should keep going, and a way to report it is serving. */
    public interface Running {
        boolean get();

        /** Marks the worker RUNNING (e.g. once its client is assigned); until then it is STARTING. */
        void serving();
    }

    private static final Duration WAKEUP_JOIN = Duration.ofSeconds(2);

    private final String threadName;
    private final Loop loop;
    private final boolean daemon;
    private final Duration joinTimeout;
    private volatile boolean running;
    private volatile RunState state = RunState.STARTING;
    private Thread thread;

    public ManagedWorker(String threadName, Loop loop, boolean daemon, Duration joinTimeout) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.daemon = daemon;
        this.joinTimeout = Objects.requireNonNull(joinTimeout, "joinTimeout");
    }

    /**
     * A worker for a loop that keeps its own running flag: {@code body} runs on the thread; on {@link #close},
     * {@code stop} asks it to finish, and {@code wakeup} interrupts it if it has not within the join timeout.
     */
    public static ManagedWorker of(String threadName, Runnable body, Runnable stop, Runnable wakeup, boolean daemon,
                                   Duration joinTimeout) {
        return new ManagedWorker(threadName, new Loop() {
            @Override
            public void run(Running running) {
                body.run();
            }

            @Override
            public void stopRequested() {
                stop.run();
            }

            @Override
            public void wakeup() {
                wakeup.run();
            }
        }, daemon, joinTimeout);
    }

    /**
     * A worker for a loop that blocks in {@code poll} of a consumer and checks {@link #isRunning}: on {@link #close}
     * the consumer {@code current} returns (null before it exists) is woken, so the loop ends with a
     * {@code WakeupException} at once instead of at its next poll timeout.
     */
    public static ManagedWorker wakingConsumer(String threadName, Runnable body,
                                               Supplier<? extends org.apache.kafka.clients.consumer.Consumer<?, ?>> current,
                                               boolean daemon, Duration joinTimeout) {
        Runnable wake = () -> {
            org.apache.kafka.clients.consumer.Consumer<?, ?> consumer = current.get();
            if (consumer != null) {
                consumer.wakeup();
            }
        };
        return of(threadName, body, wake, () -> { }, daemon, joinTimeout);
    }

    /** Starts the thread; once only (later calls do nothing). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        Running view = new Running() {
            @Override
            public boolean get() {
                return running;
            }

            @Override
            public void serving() {
                if (running) {
                    state = RunState.RUNNING;
                }
            }
        };
        thread = new Thread(() -> {
            try {
                loop.run(view);
                state = running ? RunState.FAILED : RunState.STOPPED;
            } catch (Throwable e) {
                state = RunState.FAILED;
                LOG.error("{} failed", threadName, e);
            }
        }, threadName);
        thread.setDaemon(daemon);
        thread.start();
    }

    /**
     * The loop's back-off (between retries, while waiting for topics): sleeps; when interrupted, restores the
     * thread's interrupt flag and stops the worker ({@link #isRunning} turns false).
     */
    public void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Whether the loop should keep going: true from {@link #start} until {@link #close} (or an interrupted pause). */
    public boolean isRunning() {
        return running;
    }

    public RunState state() {
        return state;
    }

    /**
     * Asks the loop to stop and waits up to the join timeout for it to finish; if it has not, wakes it and waits a
     * little more. Safe to call twice or before start.
     */
    @Override
    public synchronized void close() throws InterruptedException {
        running = false;
        if (thread == null) {
            state = RunState.STOPPED;
            return;
        }
        loop.stopRequested();
        thread.join(joinTimeout.toMillis());
        if (thread.isAlive()) {
            loop.wakeup();
            thread.join(WAKEUP_JOIN.toMillis());
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {}", threadName, joinTimeout.plus(WAKEUP_JOIN));
            }
        }
    }
}
