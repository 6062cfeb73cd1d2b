package dev.timbre.platform.dlq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.platform.registry.InMemorySchemaRegistry;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.dlq.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");
    private final String scope = "dlq-" + System.nanoTime();
    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
    private final MockProducer<byte[], DeadLetter> producer = new MockProducer<>(true, new ByteArraySerializer(),
            new SpecificAvroSerializer<>(registry, Map.of("schema.registry.url", "mock://" + scope), false));
    private final DeadLetters deadLetters = new DeadLetters(producer, "feature-extraction", Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void drop() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void keepsRawBytesAndWhereTheRecordCameFrom() throws Exception {
        byte[] value = {0, 0, 0, 0, 9, 1, 2, 3};
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("audio.features", 2, 41L, "song-7", value);
        deadLetters.publish(record, "TRUNCATED: no audio frames", new IllegalStateException("boom")).get();

        ProducerRecord<byte[], DeadLetter> sent = producer.history().get(0);
        assertEquals("audio.features.dlq", sent.topic());
        assertArrayEquals("song-7".getBytes(StandardCharsets.UTF_8), sent.key(), "keyed by the original key");
        DeadLetter letter = sent.value();
        assertEquals("audio.features", letter.getSourceTopic());
        assertEquals(2, letter.getPartition());
        assertEquals(41L, letter.getOffset());
        assertEquals(ByteBuffer.wrap(value), letter.getValue());
        assertEquals("TRUNCATED: no audio frames", letter.getReason());
        assertEquals(IllegalStateException.class.getName(), letter.getErrorClass());
        assertEquals("feature-extraction", letter.getService());
        assertEquals(NOW, letter.getFailedAt());
    }

    @Test
    void deadLettersAreThemselvesRegisteredAvro() throws Exception {
        deadLetters.publish(new ConsumerRecord<>("songs.registered", 0, 1L, "k", "v"), "bad", null).get();
        byte[] wire = new SpecificAvroSerializer<DeadLetter>(registry, Map.of("schema.registry.url", "mock://" + scope), false)
                .serialize("songs.registered.dlq", producer.history().get(0).value());
        DeadLetter back = new SpecificAvroDeserializer<>(registry, DeadLetter.class).deserialize("songs.registered.dlq", wire);
        assertEquals("bad", back.getReason());
        assertNull(back.getErrorClass());
        assertEquals(java.util.List.of("songs.registered.dlq-value"), registry.subjects());
    }

    @Test
    void saysWhenTheRawValueWasAlreadyDeserialized() {
        DeadLetter letter = deadLetters.of(new ConsumerRecord<>("t", 0, 0L, "k", Instant.EPOCH), "bad", null);
        assertNull(letter.getValue());
        assertTrue(letter.getReason().contains("consume byte[]"), letter.getReason());
    }

    @Test
    void fromAConsumerDeserializationFailure() {
        RecordDeserializationException failure = new RecordDeserializationException(
                RecordDeserializationException.DeserializationExceptionOrigin.VALUE, new TopicPartition("user.events", 4), 99L, 0L,
                TimestampType.CREATE_TIME, ByteBuffer.wrap(new byte[] {'u'}), ByteBuffer.wrap(new byte[] {7, 7}), new RecordHeaders(),
                "Error deserializing VALUE", new SerializationException("Unknown magic byte 0x07"));
        DeadLetter letter = deadLetters.of(failure);
        assertEquals("user.events", letter.getSourceTopic());
        assertEquals(4, letter.getPartition());
        assertEquals(99L, letter.getOffset());
        assertEquals(ByteBuffer.wrap(new byte[] {7, 7}), letter.getValue());
        assertTrue(letter.getReason().contains("magic byte 0x07"), letter.getReason());
        assertEquals(SerializationException.class.getName(), letter.getErrorClass());
    }

    @Test
    void longReasonsAreCut() {
        DeadLetter letter = deadLetters.of("t", 0, 0, null, null, "x".repeat(10_000), null);
        assertEquals(DeadLetters.MAX_REASON + 3, letter.getReason().length());
    }

    private static ErrorHandlerContext context(String topic, int partition, long offset) {
        return new ErrorHandlerContext() {
            public String topic() { return topic; }
            public int partition() { return partition; }
            public long offset() { return offset; }
            public org.apache.kafka.common.header.Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "node"; }
            public TaskId taskId() { return new TaskId(0, partition); }
            public long timestamp() { return 0; }
        };
    }

    @Test
    void streamsDeserializationHandlerDeadLettersAndContinues() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler(deadLetters);
        handler.configure(Map.of());
        ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>("user.events", 1, 5L, "u1".getBytes(), new byte[] {42});
        assertEquals(DeserializationHandlerResponse.CONTINUE,
                handler.handle(context("user.events", 1, 5L), poison, new SerializationException("Unknown magic byte 0x2a")));
        DeadLetter letter = producer.history().get(0).value();
        assertEquals("user.events.dlq", producer.history().get(0).topic());
        assertEquals(ByteBuffer.wrap(new byte[] {42}), letter.getValue());
        assertTrue(letter.getReason().startsWith("Could not deserialize"), letter.getReason());
    }

    @Test
    void streamsHandlersFailWhenTheDeadLetterCannotBeWritten() {
        MockProducer<byte[], DeadLetter> broken = new MockProducer<>(false, new ByteArraySerializer(), (t, d) -> new byte[0]);
        DeadLetters unreachable = new DeadLetters(broken, "svc", Clock.systemUTC());
        Thread failer = new Thread(() -> {
            while (!broken.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker down"))) {
                Thread.onSpinWait();
            }
        });
        failer.start();
        assertEquals(DeserializationHandlerResponse.FAIL, new DeadLetterDeserializationHandler(unreachable)
                .handle(context("t", 0, 0), new ConsumerRecord<>("t", 0, 0L, null, new byte[] {1}), new SerializationException("x")));
    }

    @Test
    void productionHandlerDeadLettersAgainstTheInputRecord() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler(deadLetters);
        ProducerRecord<byte[], byte[]> tooLarge = new ProducerRecord<>("recommendations", "u1".getBytes(), new byte[] {1, 2});
        assertEquals(ProductionExceptionHandlerResponse.CONTINUE,
                handler.handle(context("user.events", 3, 17L), tooLarge, new RecordTooLargeException("too large")));
        DeadLetter letter = producer.history().get(0).value();
        assertEquals("user.events.dlq", producer.history().get(0).topic());
        assertEquals(17L, letter.getOffset());
        assertTrue(letter.getReason().contains("'recommendations'"), letter.getReason());

        ProducerRecord<Object, Object> unserializable = new ProducerRecord<>("recommendations", "u2", Optional.empty());
        assertEquals(ProductionExceptionHandlerResponse.CONTINUE, handler.handleSerializationException(context(null, -1, -1),
                unserializable, new SerializationException("cannot"), SerializationExceptionOrigin.VALUE));
        DeadLetter second = producer.history().get(1).value();
        assertEquals("recommendations", second.getSourceTopic(), "punctuation: named after the output topic");
        assertEquals(ByteBuffer.wrap("u2".getBytes()), second.getKey());
        assertTrue(second.getReason().contains("java.util.Optional"), second.getReason());
    }

    @Test
    void processingHandlerKeepsTheKeyAndDescribesTheValue() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler(deadLetters);
        org.apache.kafka.streams.processor.api.Record<String, String> record =
                new org.apache.kafka.streams.processor.api.Record<>("u9", "{\"weird\": true}", 0L);
        assertEquals(org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse.CONTINUE,
                handler.handle(context("user.events", 0, 8L), record, new IllegalStateException("no taste vector")));
        DeadLetter letter = producer.history().get(0).value();
        assertEquals(ByteBuffer.wrap("u9".getBytes(StandardCharsets.UTF_8)), letter.getKey());
        assertEquals(8L, letter.getOffset());
        assertTrue(letter.getReason().contains("no taste vector") && letter.getReason().contains("weird"), letter.getReason());
    }

    @Test
    void handlersOpenNoProducerUntilNeededAndFailWhenTheyCannot() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(Map.of("bootstrap.servers", "unresolvable.invalid:9092", "schema.registry.url", "mock://" + scope,
                "application.id", "timbre.x"));
        assertEquals(DeserializationHandlerResponse.FAIL, handler.handle(context("t", 0, 0),
                new ConsumerRecord<>("t", 0, 0L, null, new byte[] {1}), new SerializationException("x")));
    }
}
