package dev.timbre.platform.lifecycle;

import dev.timbre.platform.kafka.ClientSettings;
import dev.timbre.platform.kafka.KafkaClients;
import io.micronaut.health.HealthStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
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
    void aWakingConsumerWorkerEndsAPollAtOnceOnClose() throws Exception {
        MockConsumer<String, String> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        CountDownLatch polling = new CountDownLatch(1);
        ManagedWorker[] holder = new ManagedWorker[1];
        holder[0] = ManagedWorker.wakingConsumer("feed", () -> {
            try {
                while (true) { // ends only when close wakes the consumer
                    polling.countDown();
                    consumer.poll(Duration.ofMillis(50));
                }
            } catch (WakeupException e) {
                // woken by close
            }
        }, () -> consumer, true, Duration.ofSeconds(5));
        holder[0].start();
        assertTrue(polling.await(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        holder[0].close();
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "closed within the join timeout");
        assertEquals(RunState.STOPPED, holder[0].state());
    }

    @Test
    void aManagedStreamsAppIsStartingUntilStartedAndStoppedOnceClosed() {
        ManagedStreams streams = new ManagedStreams("app", Duration.ofSeconds(1));
        assertEquals(RunState.STARTING, streams.state());
        assertEquals("NOT_STARTED", KitHealth.of("kafkaStreams", streams, Map.of()).getDetails() instanceof Map<?, ?> m
                ? m.get("state") : null);
        streams.close();
        assertEquals(RunState.STOPPED, streams.state());
    }

    @Test
    void aStartedAppIsStartingUntilItRunsAndStartsOnlyOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path state) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Topology topology = builder.build();
        // no broker on this port: the app stays REBALANCING, which is STARTING (UNKNOWN), never UP
        Map<String, Object> config = new KafkaClients("svc", new ClientSettings(Map.of("bootstrap.servers", "127.0.0.1:1"),
                "mock://lifecycle-test", null)).streamsConfig("lifecycle-test", 1, p -> p.put("state.dir", state.toString()));
        ManagedStreams streams = new ManagedStreams("timbre.lifecycle-test", Duration.ofSeconds(5));
        try {
            KafkaStreams started = streams.start(topology, config);
            assertTrue(started == streams.start(topology, config), "a second start returns the running app");
            assertEquals(RunState.STARTING, streams.state());
            assertEquals(HealthStatus.UNKNOWN, KitHealth.of("kafkaStreams", streams, Map.of()).getStatus());
        } finally {
            streams.close();
        }
        assertEquals(RunState.STOPPED, streams.state());
        assertEquals(HealthStatus.DOWN, KitHealth.status(streams.state()));
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
