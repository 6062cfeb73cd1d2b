package dev.timbre.features.consume;

import dev.timbre.platform.kafka.PublishException;
import dev.timbre.schema.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The poll loop driven by {@link MockConsumer}s: pausing when the workers are busy, commit order, restarts. */
class SongConsumerTest {
    private static final TopicPartition P0 = new TopicPartition(Topics.SONGS_REGISTERED, 0);
    private SongConsumer loop;

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Remembers every commit, readable even after the loop closed it. */
    static final class RecordingConsumer extends MockConsumer<String, byte[]> {
        final List<Long> commits = new CopyOnWriteArrayList<>();

        RecordingConsumer() {
            super(OffsetResetStrategy.EARLIEST);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            OffsetAndMetadata offset = offsets.get(P0);
            if (offset != null) {
                commits.add(offset.offset());
            }
        }

        long committed() {
            return commits.isEmpty() ? -1 : commits.get(commits.size() - 1);
        }
    }

    private static RecordingConsumer consumerWith(long... offsets) {
        RecordingConsumer consumer = new RecordingConsumer();
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            for (long offset : offsets) {
                consumer.addRecord(new ConsumerRecord<>(P0.topic(), P0.partition(), offset, "song-" + offset, new byte[]{1}));
            }
        });
        return consumer;
    }

    @Test
    void pausesWhileWorkersAreBusyAndCommitsOnlyFinishedPrefixes() throws Exception {
        RecordingConsumer consumer = consumerWith(0, 1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<Long> done = new CopyOnWriteArrayList<>();
        loop = new SongConsumer(record -> {
            if (record.offset() == 0) {
                await(releaseFirst);
            }
            done.add(record.offset());
        }, () -> consumer, 1);
        loop.start();

        eventually(() -> consumer.paused().contains(P0), "partition paused while the only worker decodes");
        assertEquals(-1, consumer.committed(), "nothing committed while offset 0 is in flight");

        releaseFirst.countDown();
        eventually(() -> consumer.committed() == 2, "both records committed once finished");
        eventually(() -> consumer.paused().isEmpty(), "resumed when workers are free");
        assertEquals(List.of(0L, 1L), done);
        assertEquals(2, loop.processedCount());
    }

    @Test
    void anUnpublishedSongIsNotCommittedButRetriedOnAFreshConsumer() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<RecordingConsumer> created = runFailingFirst(record -> {
            throw new PublishException("audio.features", "broker down", null);
        }, attempts);

        eventually(() -> created.size() == 2 && created.get(1).committed() == 1, "second consumer commits after the retry");
        assertEquals(-1, created.get(0).committed(), "the failed attempt committed nothing");
        assertTrue(created.get(0).closed(), "the failed consumer was closed");
        assertEquals(2, attempts.get());
    }

    @Test
    void aSongThatRanOutOfHeapIsRetriedNotLostAndTheLoopGoesOn() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<RecordingConsumer> created = runFailingFirst(record -> {
            throw new OutOfMemoryError("Java heap space");
        }, attempts);

        eventually(() -> created.size() == 2 && created.get(1).committed() == 1, "the song retried on a fresh consumer");
        assertEquals(-1, created.get(0).committed(), "nothing committed for the song that ran out of heap");
        assertEquals(2, attempts.get());
        assertEquals(1, loop.processedCount());
    }

    /**
     * Starts the loop on one record (offset 0) whose first attempt is {@code firstAttempt} and every later one
     * succeeds; each (re)start gets a fresh consumer that redelivers it, since nothing was committed.
     */
    private List<RecordingConsumer> runFailingFirst(RecordHandler firstAttempt, AtomicInteger attempts) {
        List<RecordingConsumer> created = new CopyOnWriteArrayList<>();
        loop = new SongConsumer(record -> {
            if (attempts.incrementAndGet() == 1) {
                firstAttempt.process(record);
            }
        }, () -> {
            RecordingConsumer c = consumerWith(0);
            created.add(c);
            return c;
        }, 2);
        loop.start();
        return created;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within 10 s: " + what);
    }
}
