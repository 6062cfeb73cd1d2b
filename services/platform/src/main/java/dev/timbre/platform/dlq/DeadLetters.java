package dev.timbre.platform.dlq;

import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.dlq.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keeps records a service could not process: builds a {@link DeadLetter} (where the record came from, its raw key
 * and value bytes untouched, why it failed, who failed it, when) and publishes it to {@code <topic>.dlq} with the
 * original key. Consume with {@code ByteArrayDeserializer} (or catch {@link RecordDeserializationException}) so the
 * raw bytes are still there when something goes wrong.
 */
public final class DeadLetters implements AutoCloseable {
    /** Longer reasons are cut: a DLQ entry is for an operator, not a log dump. */
    static final int MAX_REASON = 4000;

    private final Producer<byte[], DeadLetter> producer;
    private final String service;
    private final Clock clock;
    private final boolean ownsProducer;

    /** Publishes through the caller's producer (not closed by {@link #close}). */
    public DeadLetters(Producer<byte[], DeadLetter> producer, String service, Clock clock) {
        this(producer, service, clock, false);
    }

    private DeadLetters(Producer<byte[], DeadLetter> producer, String service, Clock clock, boolean ownsProducer) {
        this.producer = producer;
        this.service = service;
        this.clock = clock;
        this.ownsProducer = ownsProducer;
    }

    /**
     * A publisher with its own producer (Timbre's producer conventions, byte[] keys, Avro values).
     *
     * @param clientConfig at least {@code bootstrap.servers} and {@code schema.registry.url}; security settings too
     */
    public static DeadLetters create(String service, Map<String, ?> clientConfig) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        Object registryUrl = clientConfig.get("schema.registry.url");
        props.putAll(KafkaConventions.producer(service, String.valueOf(clientConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)),
                registryUrl == null ? null : registryUrl.toString()));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, SpecificAvroSerializer.class.getName());
        return new DeadLetters(new KafkaProducer<>(props), service, Clock.systemUTC(), true);
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
        return of(record.topic(), record.partition(), record.offset(), rawBytes(record.key()), rawBytes(record.value()), fullReason, error);
    }

    /** A dead letter for a record the consumer could not even deserialize ({@code poll()} threw). */
    public DeadLetter of(RecordDeserializationException failure) {
        return of(failure.topicPartition().topic(), failure.topicPartition().partition(), failure.offset(),
                bytes(failure.keyBuffer()), bytes(failure.valueBuffer()),
                "Could not deserialize the " + failure.origin().name().toLowerCase() + ": " + messageOf(failure), failure.getCause() != null
                        ? failure.getCause() : failure);
    }

    public DeadLetter of(String topic, int partition, long offset, byte[] key, byte[] value, String reason, Throwable error) {
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
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setService(service)
                .setFailedAt(clock.instant())
                .build();
    }

    public Future<RecordMetadata> publish(ConsumerRecord<?, ?> record, String reason, Throwable error) {
        return publish(of(record, reason, error));
    }

    public Future<RecordMetadata> publish(RecordDeserializationException failure) {
        return publish(of(failure));
    }

    /** Sends to {@code <sourceTopic>.dlq}, keyed by the original key bytes. */
    public Future<RecordMetadata> publish(DeadLetter letter) {
        byte[] key = letter.getKey() == null ? null : bytes(letter.getKey().duplicate());
        return producer.send(new ProducerRecord<>(Topics.deadLetterOf(letter.getSourceTopic()), key, letter));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        if (ownsProducer) {
            producer.close();
        }
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

    private static byte[] rawBytes(Object data) {
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

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
