package dev.timbre.features.consume;

import dev.timbre.features.config.FeaturesConfig;
import dev.timbre.platform.kafka.KafkaClients;
import dev.timbre.platform.lifecycle.ManagedWorker;
import dev.timbre.schema.Topics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The {@code songs.registered} consumer loop. Decoding is CPU-heavy and takes seconds per song, so records
 * are analysed on a bounded worker pool ({@code timbre.features.concurrency}) while this thread keeps
 * polling: when every worker is busy it pauses its partitions instead of blocking, so it never exceeds
 * {@code max.poll.interval.ms}. Offsets are committed only up to the oldest unfinished record of each
 * partition (at-least-once; the output is deterministic, so a replay re-emits identical windows).
 * If an output cannot be published the consumer is rebuilt from the last committed offsets.
 */
@Context
@Requires(property = "timbre.features.consumer.enabled", notEquals = "false")
public class SongConsumer implements Runnable, ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(SongConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

    private final RecordHandler processor;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final int concurrency;
    private final ExecutorService workers;
    private final LinkedBlockingDeque<Completion> completions = new LinkedBlockingDeque<>();
    private final AtomicInteger processed = new AtomicInteger();
    private final ManagedWorker worker;
    private volatile Consumer<String, byte[]> consumer;

    /** A worker's outcome, handed back to the polling thread, which alone touches the consumer. */
    private record Completion(TopicPartition partition, long offset, Exception failure) {
    }

    @Inject
    public SongConsumer(RecordHandler processor, KafkaClients clients, FeaturesConfig config) {
        this(processor, () -> newConsumer(clients, config.groupId(), config.concurrency()), config.concurrency());
    }

    /** With a consumer factory, so tests can drive the loop with a {@code MockConsumer}. */
    SongConsumer(RecordHandler processor, Supplier<Consumer<String, byte[]>> consumers, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("timbre.features.concurrency must be at least 1");
        }
        this.processor = processor;
        this.consumers = consumers;
        this.concurrency = concurrency;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "extract-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // on close: the loop notices within one poll, finishes in-flight songs (bounded) and commits them; only if it
        // has not within 40 s is the consumer woken up
        this.worker = ManagedWorker.of("songs-consumer", this, () -> { }, () -> {
            Consumer<String, byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }, false, Duration.ofSeconds(40));
    }

    /** Starts consuming once the server is up (a platform {@link ManagedWorker}), never in the constructor. */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    public void start() {
        worker.start();
    }

    /** Songs finished (features published or dead-lettered) since start. */
    public int processedCount() {
        return processed.get();
    }

    @Override
    public void run() {
        while (worker.isRunning()) {
            try {
                consumeUntilFailure();
            } catch (WakeupException e) {
                if (worker.isRunning()) {
                    LOG.warn("consumer woken up unexpectedly; restarting");
                }
            } catch (Exception e) {
                LOG.error("songs consumer failed; restarting from the last committed offsets in {}", RESTART_BACKOFF, e);
                worker.pause(RESTART_BACKOFF);
            }
        }
    }

    private void consumeUntilFailure() throws Exception {
        Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        try (Consumer<String, byte[]> kafka = consumers.get()) {
            consumer = kafka;
            kafka.subscribe(List.of(Topics.SONGS_REGISTERED), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Finish what we hold so the next owner does not redo it, then hand over committed offsets.
                    drain(progress, inFlight, DRAIN_TIMEOUT);
                    commit(kafka, progress);
                    partitions.forEach(progress::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    LOG.info("assigned {}", partitions);
                }
            });
            while (worker.isRunning()) {
                // All workers busy (partitions paused): wait for a song to finish rather than in poll(), which on
                // paused partitions returns only after the whole timeout, leaving a worker idle for up to 200 ms
                // per song. poll(0) still runs, so the consumer stays in its group.
                boolean busy = inFlight.get() >= concurrency;
                if (busy) {
                    awaitCompletion(POLL);
                }
                for (ConsumerRecord<String, byte[]> record : kafka.poll(busy ? Duration.ZERO : POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    progress.computeIfAbsent(tp, p -> new PartitionProgress()).started(record.offset());
                    inFlight.incrementAndGet();
                    workers.execute(() -> completions.add(run(record, tp)));
                }
                applyCompletions(progress, inFlight);
                commit(kafka, progress);
                if (inFlight.get() >= concurrency) {
                    kafka.pause(kafka.assignment());
                } else if (!kafka.paused().isEmpty()) {
                    kafka.resume(kafka.paused());
                }
            }
            drain(progress, inFlight, Duration.ofSeconds(30));
            commit(kafka, progress);
        } finally {
            consumer = null;
            // Outcomes of the old consumer's records must not be applied to a new one's progress.
            waitForWorkers(inFlight);
        }
    }

    private Completion run(ConsumerRecord<String, byte[]> record, TopicPartition tp) {
        try {
            processor.process(record);
            processed.incrementAndGet();
            return new Completion(tp, record.offset(), null);
        } catch (Exception e) {
            return new Completion(tp, record.offset(), e);
        } catch (OutOfMemoryError e) {
            // The heap ran out while this song was in flight (with others): not the song's fault, so it is not
            // dead-lettered but retried after the restart back-off, like an unpublished song. Without this the
            // worker would die without a completion and the loop would wait for it forever.
            return new Completion(tp, record.offset(), new IllegalStateException("out of heap analysing "
                    + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " (timbre.features.concurrency × the per-song memory in the README must fit the heap)", e));
        }
    }

    private void applyCompletions(Map<TopicPartition, PartitionProgress> progress, AtomicInteger inFlight) throws Exception {
        Completion done;
        while ((done = completions.poll()) != null) {
            inFlight.decrementAndGet();
            if (done.failure() != null) {
                throw done.failure();
            }
            PartitionProgress p = progress.get(done.partition());
            if (p != null) {
                p.completed(done.offset());
            }
        }
    }

    /** Blocks until a worker hands back an outcome (left in the queue for {@link #applyCompletions}) or the timeout. */
    private void awaitCompletion(Duration timeout) {
        try {
            Completion done = completions.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (done != null) {
                completions.offerFirst(done);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(Map<TopicPartition, PartitionProgress> progress, AtomicInteger inFlight, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                applyCompletions(progress, inFlight);
                worker.pause(Duration.ofMillis(20));
            }
            applyCompletions(progress, inFlight);
        } catch (Exception e) {
            LOG.warn("a song failed to publish while handing partitions over; it will be reprocessed", e);
        }
    }

    private void waitForWorkers(AtomicInteger inFlight) {
        while (inFlight.get() > 0 && worker.isRunning()) {
            Completion done = completions.poll();
            if (done != null) {
                inFlight.decrementAndGet();
            } else {
                worker.pause(Duration.ofMillis(20));
            }
        }
        completions.clear();
    }

    private static void commit(Consumer<String, byte[]> kafka, Map<TopicPartition, PartitionProgress> progress) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        progress.forEach((tp, p) -> p.committable().ifPresent(o -> offsets.put(tp, new OffsetAndMetadata(o))));
        if (!offsets.isEmpty()) {
            try {
                kafka.commitSync(offsets);
                offsets.forEach((tp, o) -> progress.get(tp).committed(o.offset()));
            } catch (RebalanceInProgressException e) {
                LOG.debug("commit deferred by a rebalance; retried after it");
            }
        }
    }

    private static Consumer<String, byte[]> newConsumer(KafkaClients clients, String groupId, int concurrency) {
        // conventions: read_committed (never outputs of aborted transactions), manual commits, earliest
        return clients.consumer(new StringDeserializer(), new ByteArrayDeserializer(), props -> {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            // Fetch no more songs than workers: the rest stay in Kafka for other instances.
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(concurrency));
            props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "timbre-feature-extraction");
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.close();
        workers.shutdownNow();
    }
}
