package dev.timbre.classification.pipeline;

import dev.timbre.classification.batch.MicroBatcher;
import dev.timbre.classification.inference.BatchOutput;
import dev.timbre.classification.inference.GenreClassifier;
import dev.timbre.model.ModelDescriptor;
import dev.timbre.classification.validation.WindowValidator;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.features.WindowFeatures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transactional consume → infer → produce cycle against Kafka's mock clients. */
class InferenceLoopTest {

    static final TopicPartition TP = new TopicPartition(Topics.AUDIO_FEATURES, 0);

    final Map<String, Object> serde = Map.of("schema.registry.url", "mock://loop-" + UUID.randomUUID(),
            "specific.avro.reader", true);
    final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    final AtomicInteger commitFailuresLeft = new AtomicInteger();
    final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, new ByteArraySerializer(),
            new ByteArraySerializer()) {
        @Override
        public void commitTransaction() {
            if (commitFailuresLeft.getAndDecrement() > 0) {
                throw new KafkaException("broker went away");
            }
            super.commitTransaction();
        }
    };
    final List<Integer> committedBatchSizes = new ArrayList<>();
    InferenceLoop loop;

    /** A stand-in CNN: the loop's transaction logic is under test here, not the model. */
    static final GenreClassifier CONSTANT = new GenreClassifier() {
        final ModelDescriptor descriptor = new ModelDescriptor("const-1", "librosa-compat-1",
                List.of("blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"),
                "mfcc", "probabilities", "embedding", List.of(130, 13, 1), 64);

        @Override
        public BatchOutput classify(List<float[]> windows) {
            float[][] p = new float[windows.size()][10];
            float[][] e = new float[windows.size()][64];
            for (float[] row : p) {
                Arrays.fill(row, 0.1f);
            }
            return new BatchOutput(p, e);
        }

        @Override
        public ModelDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void start() {
        var deserializer = new SpecificAvroDeserializer<WindowFeatures>();
        deserializer.configure(serde, false);
        var predictionSerializer = new SpecificAvroSerializer<dev.timbre.schema.classification.WindowPrediction>();
        predictionSerializer.configure(serde, false);
        var letterSerializer = new SpecificAvroSerializer<dev.timbre.schema.dlq.DeadLetter>();
        letterSerializer.configure(serde, false);
        WindowBatchProcessor processor = new WindowBatchProcessor(CONSTANT,
                new WindowValidator(List.of(130, 13, 1), Set.of("librosa-compat-1")), deserializer,
                predictionSerializer, new SpecificAvroSerializer<>(), new AvroDeadLetterWriter("classification", letterSerializer, Clock.systemUTC()),
                Clock.systemUTC());
        loop = new InferenceLoop(consumer, producer, Topics.AUDIO_FEATURES,
                new MicroBatcher<>(3, Duration.ofHours(1)), processor,
                (batch, result, nanos) -> committedBatchSizes.add(batch.size()));
        loop.start();
        consumer.rebalance(List.of(TP));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
    }

    private void addWindows(long fromOffset, int count) {
        addWindows(TP, fromOffset, count);
    }

    private void addWindows(TopicPartition tp, long fromOffset, int count) {
        var serializer = new SpecificAvroSerializer<WindowFeatures>();
        serializer.configure(serde, false);
        for (int i = 0; i < count; i++) {
            List<Float> mfcc = new ArrayList<>();
            for (int k = 0; k < 1690; k++) {
                mfcc.add(1f);
            }
            WindowFeatures f = WindowFeatures.newBuilder().setSongId("s").setWindowIndex((int) fromOffset + i)
                    .setWindowCount(100).setWindowStartSeconds(0).setMfccShape(List.of(130, 13, 1)).setMfcc(mfcc)
                    .setExtractorVersion("librosa-compat-1").setExtractedAt(Instant.EPOCH).build();
            consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), fromOffset + i,
                    "s".getBytes(StandardCharsets.UTF_8), serializer.serialize(tp.topic(), f)));
        }
    }

    @Test
    void commitsEachFullBatchWithItsOffsetsInOneTransaction() {
        addWindows(0, 7);
        loop.pollOnce();

        assertEquals(List.of(3, 3), committedBatchSizes, "two full batches; the 7th window waits for more");
        assertEquals(6, producer.history().size());
        assertTrue(producer.history().stream().allMatch(r -> r.topic().equals(Topics.WINDOW_PREDICTIONS)));
        List<Map<String, Map<TopicPartition, OffsetAndMetadata>>> offsets = producer.consumerGroupOffsetsHistory();
        assertEquals(2, offsets.size(), "one offset commit per transaction");
        assertEquals(3, offsets.get(0).values().iterator().next().get(TP).offset());
        assertEquals(6, offsets.get(1).values().iterator().next().get(TP).offset(),
                "the next offset to read, never past a window that is still pending");
        assertTrue(producer.transactionCommitted());
    }

    @Test
    void aFailedCommitAbortsAndRewindsSoNothingIsLostOrDuplicated() {
        commitFailuresLeft.set(1);
        addWindows(0, 4);
        loop.pollOnce();

        assertTrue(producer.transactionAborted());
        assertEquals(0, producer.history().size(), "nothing of the aborted batch is visible");
        assertTrue(committedBatchSizes.isEmpty());
        assertEquals(0, consumer.position(TP), "rewound to the batch's first window, the pending 4th included");

        addWindows(0, 4); // the broker serves them again from the rewound position
        loop.pollOnce();
        assertEquals(List.of(3), committedBatchSizes);
        assertEquals(List.of(0, 1, 2), producer.history().stream()
                .map(r -> new SpecificAvroDeserializer<dev.timbre.schema.classification.WindowPrediction>() {
                    {
                        configure(serde, false);
                    }
                }.deserialize(r.topic(), r.value()).getWindowIndex()).toList());
        assertEquals(3, producer.consumerGroupOffsetsHistory().get(0).values().iterator().next().get(TP).offset());
    }

    @Test
    void anAbortAlsoRewindsPartitionsWhoseRecordsWereNotReachedYet() {
        TopicPartition other = new TopicPartition(Topics.AUDIO_FEATURES, 1);
        consumer.rebalance(List.of(TP, other));
        consumer.updateBeginningOffsets(Map.of(TP, 0L, other, 0L));
        loop.pollOnce(); // positions initialised
        addWindows(TP, 0, 3);
        addWindows(other, 0, 2);
        commitFailuresLeft.set(1);
        loop.pollOnce();

        assertTrue(producer.transactionAborted());
        assertEquals(0, consumer.position(TP));
        assertEquals(0, consumer.position(other), "polled past but never committed: read again");
    }

    @Test
    void revokedPartitionsGetTheirPendingWindowsCommittedFirst() {
        addWindows(0, 2);
        loop.pollOnce();
        assertTrue(committedBatchSizes.isEmpty(), "2 of 3: still pending");

        consumer.rebalance(List.of());
        assertEquals(List.of(2), committedBatchSizes, "flushed before the partition moved");
        assertEquals(2, producer.consumerGroupOffsetsHistory().get(0).values().iterator().next().get(TP).offset());
    }
}
