package dev.timbre.classification.pipeline;

import dev.timbre.classification.batch.MicroBatcher;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import dev.timbre.platform.lifecycle.RunState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consume → micro-batch → infer → produce, exactly once: each batch's predictions, dead letters and the
 * consumer offsets that cover it are committed in one Kafka transaction ({@code sendOffsetsToTransaction}
 * with the consumer's group metadata, KIP-447). A crash between poll and commit aborts the transaction,
 * and the batch is read again; read_committed consumers downstream never see the aborted copy.
 */
public final class InferenceLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceLoop.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final MicroBatcher<ConsumerRecord<byte[], byte[]>> batcher;
    private final WindowBatchProcessor processor;
    private final BatchListener listener;
    /**
     * Per partition, the offset to resume from if a transaction aborts: the next offset after the last committed
     * batch, or the first offset ever polled. Everything from there on is either pending, still to be iterated in
     * the current poll, or not yet polled, so seeking back to it loses nothing and duplicates nothing.
     */
    private final Map<TopicPartition, Long> resumeFrom = new HashMap<>();
    private volatile boolean running = true;
    /** Lifecycle as the health endpoint reports it (the kit's one mapping). */
    private volatile RunState state = RunState.STARTING;

    /** Told about each committed batch (metrics). */
    @FunctionalInterface
    public interface BatchListener {
        void committed(List<ConsumerRecord<byte[], byte[]>> batch, ProcessedBatch result, long inferenceNanos);
    }

    public InferenceLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, String topic,
                         MicroBatcher<ConsumerRecord<byte[], byte[]>> batcher, WindowBatchProcessor processor,
                         BatchListener listener) {
        this.consumer = consumer;
        this.producer = producer;
        this.topic = topic;
        this.batcher = batcher;
        this.processor = processor;
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            start();
            while (running) {
                pollOnce();
            }
            flush(batcher.drain());
            state = RunState.STOPPED;
        } catch (WakeupException | InterruptException e) {
            // interrupted: the pending batch is not committed and will be read again by the next owner
            state = RunState.STOPPED;
        } catch (RuntimeException e) {
            LOG.error("inference loop stopped", e);
            state = RunState.FAILED;
        } finally {
            closeQuietly();
        }
    }

    /** Registers the transactional producer (fencing older instances) and joins the group. */
    void start() {
        producer.initTransactions();
        consumer.subscribe(List.of(topic), new FlushOnRevoke());
        state = RunState.RUNNING;
    }

    /** One turn: poll at most until the pending batch is due, then flush what the size or time trigger released. */
    void pollOnce() {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(batcher.timeUntilDue(IDLE_POLL));
        for (TopicPartition tp : records.partitions()) {
            resumeFrom.putIfAbsent(tp, records.records(tp).get(0).offset());
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (!flush(batcher.add(record))) {
                return; // rewound: the rest of this poll comes again
            }
        }
        flush(batcher.pollExpired());
    }

    /** Returns false when the transaction aborted and the consumer was rewound. */
    private boolean flush(List<ConsumerRecord<byte[], byte[]>> batch) {
        if (batch.isEmpty()) {
            return true;
        }
        long start = System.nanoTime();
        ProcessedBatch result = processor.process(batch);
        long inferenceNanos = System.nanoTime() - start;
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : result.output()) {
                producer.send(record);
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = nextOffsets(batch);
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            offsets.forEach((tp, next) -> resumeFrom.put(tp, next.offset()));
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                 | UnsupportedVersionException fatal) {
            // Another instance took over our partitions (or we may not write): we must not go on.
            throw fatal;
        } catch (KafkaException e) {
            LOG.warn("transaction for a batch of {} aborted, will re-read it: {}", batch.size(), e.getMessage());
            producer.abortTransaction();
            rewind();
            return false;
        }
        listener.committed(batch, result, inferenceNanos);
        return true;
    }

    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<byte[], byte[]>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            offsets.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    /** After an abort: drop what is pending and seek every partition back to its last committed position. */
    private void rewind() {
        batcher.drain();
        resumeFrom.forEach((tp, offset) -> {
            if (consumer.assignment().contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }

    /** Commits what is pending before partitions move, so their new owner starts after it. */
    private final class FlushOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                flush(batcher.drain());
                partitions.forEach(resumeFrom::remove);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("assigned {}", partitions);
        }
    }

    /** Asks the loop to commit what is pending and stop; it notices within one poll (at most 500 ms). */
    public void stop() {
        running = false;
    }

    public RunState state() {
        return state;
    }

    private void closeQuietly() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.debug("closing consumer", e);
        }
        try {
            producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debug("closing producer", e);
        }
    }
}
