package dev.timbre.platform.lifecycle;

import io.micronaut.health.HealthStatus;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One state → health mapping, and the polling worker's life cycle. */
class LifecycleTest {

    @Test
    void streamsStatesMapToOneHealthMeaning() {
        assertEquals(HealthStatus.UP, KitHealth.status(RunState.of(KafkaStreams.State.RUNNING)));
        assertEquals(HealthStatus.UNKNOWN, KitHealth.status(RunState.of(KafkaStreams.State.CREATED)));
        assertEquals(HealthStatus.UNKNOWN, KitHealth.status(RunState.of(KafkaStreams.State.REBALANCING)));
        for (KafkaStreams.State down : new KafkaStreams.State[]{KafkaStreams.State.PENDING_SHUTDOWN,
                KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.ERROR}) {
            assertEquals(HealthStatus.DOWN, KitHealth.status(RunState.of(down)), down.name());
        }
    }

    @Test
    void aManagedStreamsAppIsStartingUntilStartedAndStoppedOnceClosed() {
        ManagedStreams streams = new ManagedStreams("app", Duration.ofSeconds(1));
        assertEquals(RunState.STARTING, streams.state());
        assertEquals("NOT_STARTED", KitHealth.of("kafkaStreams", streams, java.util.Map.of()).getDetails() instanceof java.util.Map<?, ?> m
                ? m.get("state") : null);
        streams.close();
        assertEquals(RunState.STOPPED, streams.state());
    }

    @Test
    void aWorkerStartsOnlyWhenToldAndStopsGracefullyBeforeBeingWoken() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopAsked = new CountDownLatch(1);
        ManagedWorker worker = new ManagedWorker("test-worker", new ManagedWorker.Loop() {
            @Override
            public void run(ManagedWorker.Running running) throws InterruptedException {
                running.serving();
                started.countDown();
                while (running.get()) {
                    Thread.sleep(5);
                }
            }

            @Override
            public void stopRequested() {
                stopAsked.countDown();
            }

            @Override
            public void wakeup() {
                throw new AssertionError("a loop that stops in time is never woken");
            }
        }, true, Duration.ofSeconds(5));
        assertEquals(RunState.STARTING, worker.state());
        assertEquals(1, started.getCount(), "nothing runs before start()");
        worker.start();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        assertEquals(RunState.RUNNING, worker.state());
        worker.close();
        assertEquals(0, stopAsked.getCount());
        assertEquals(RunState.STOPPED, worker.state());
    }

    @Test
    void aLoopThatDiesIsFailedAndOneThatHangsIsWoken() throws Exception {
        ManagedWorker dies = new ManagedWorker("dies", running -> {
            throw new IllegalStateException("boom");
        }, true, Duration.ofSeconds(1));
        dies.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (dies.state() != RunState.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(RunState.FAILED, dies.state());
        assertEquals(HealthStatus.DOWN, KitHealth.status(dies.state()));

        CountDownLatch woken = new CountDownLatch(1);
        ManagedWorker hangs = ManagedWorker.of("hangs", () -> {
            try {
                woken.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, () -> { }, woken::countDown, true, Duration.ofMillis(100));
        hangs.start();
        hangs.close();
        assertEquals(0, woken.getCount());
        assertEquals(RunState.STOPPED, hangs.state());
    }
}
