package dev.timbre.platform.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * "Send and wait for the broker's acknowledgement" in one place: every failure (synchronous send error,
 * broker rejection, no ack within the timeout, interruption) becomes one {@link PublishException}.
 */
public final class Acks {
    /** What services wait for an acknowledgement unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Acks() {
    }

    /** Sends and waits: the record is durably in Kafka when this returns. */
    public static <K, V> RecordMetadata sendAndAwait(Producer<K, V> producer, ProducerRecord<K, V> record, Duration timeout) {
        return await(send(producer, record), record.topic(), timeout);
    }

    /** Sends without waiting; a synchronous failure (serialisation, registry, buffer full) is a {@link PublishException}. */
    public static <K, V> Future<RecordMetadata> send(Producer<K, V> producer, ProducerRecord<K, V> record) {
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            throw new PublishException(record.topic(), "could not publish to " + record.topic() + ": " + e.getMessage(), e);
        }
    }

    /** Waits for one acknowledgement. */
    public static RecordMetadata await(Future<RecordMetadata> ack, String topic, Duration timeout) {
        try {
            return ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException(topic, "interrupted while publishing to " + topic, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PublishException(topic, "Kafka rejected the record for " + topic + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new PublishException(topic, "no acknowledgement from Kafka for " + topic + " within " + timeout, e);
        }
    }
}
