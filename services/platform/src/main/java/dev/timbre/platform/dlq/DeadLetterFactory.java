package dev.timbre.platform.dlq;

import dev.timbre.schema.dlq.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.utils.Bytes;

/**
 * Builds {@link DeadLetter}s, the one way every Timbre service does: where the record came from, its raw key and
 * value bytes untouched, why it failed (cut at {@link #MAX_REASON} characters), the error class, who failed it and
 * when. Publishing is {@link DeadLetters}' job (its own producer) or the caller's (e.g. inside a transaction, or as a
 * Streams record).
 */
public final class DeadLetterFactory {
    /** Longer reasons are cut: a DLQ entry is for an operator, not a log dump. */
    public static final int MAX_REASON = 4000;

    private final String service;
    private final Clock clock;

    public DeadLetterFactory(String service, Clock clock) {
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String service() {
        return service;
    }

    /** A dead letter for a record the service received (raw bytes kept when the record holds bytes or strings). */
    public DeadLetter of(ConsumerRecord<?, ?> record, String reason, Throwable error) {
        String fullReason = reason;
        if (record.value() != null && rawBytes(record.value()) == null) {
            fullReason += " [value was an already deserialized " + record.value().getClass().getSimpleName()
                    + "; consume byte[] to keep the raw bytes]";
        }
        return of(record.topic(), record.partition(), record.offset(), rawBytes(record.key()), rawBytes(record.value()),
                fullReason, error);
    }

    /** A dead letter for a record the consumer could not even deserialize ({@code poll()} threw). */
    public DeadLetter of(RecordDeserializationException failure) {
        return of(failure.topicPartition().topic(), failure.topicPartition().partition(), failure.offset(),
                bytes(failure.keyBuffer()), bytes(failure.valueBuffer()),
                "Could not deserialize the " + failure.origin().name().toLowerCase() + ": " + messageOf(failure),
                failure.getCause() != null ? failure.getCause() : failure);
    }

    /** Failed now, error class taken from {@code error} (may be null). */
    public DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value, String reason, Throwable error) {
        return of(topic, partition, offset, key, value, reason, error == null ? null : error.getClass().getName(),
                clock.instant());
    }

    /**
     * The general form, for callers that decide the failure time themselves (a Streams processor uses the record's
     * timestamp so that its output stays deterministic) and may only know the error's class name.
     */
    public DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value, String reason,
                         String errorClass, Instant failedAt) {
        String text = reason == null || reason.isBlank() ? "unspecified" : reason;
        if (text.length() > MAX_REASON) {
            text = text.substring(0, MAX_REASON) + "...";
        }
        return DeadLetter.newBuilder()
                .setSourceTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(text)
                .setErrorClass(errorClass)
                .setService(service)
                .setFailedAt(failedAt)
                .build();
    }

    static String messageOf(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(" <- ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    /** A key or value as bytes: byte[], ByteBuffer, Bytes and String (UTF-8) are kept; anything else is null. */
    public static byte[] rawBytes(Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] array) {
            return array;
        }
        if (data instanceof ByteBuffer buffer) {
            return bytes(buffer.duplicate());
        }
        if (data instanceof Bytes wrapped) {
            return wrapped.get();
        }
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
