package dev.timbre.features.publish;

import dev.timbre.platform.dlq.DeadLetters;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a rejected {@code songs.registered} record, with its raw bytes and the reason, to
 * {@code songs.registered.dlq}, and waits for the acknowledgement: the input is committed only once its
 * dead letter is safe.
 */
@Singleton
public class DeadLetterPublisher {
    private final DeadLetters deadLetters;
    private final Duration ackTimeout;

    public DeadLetterPublisher(DeadLetters deadLetters, @Value("${timbre.kafka.ack-timeout:60s}") Duration ackTimeout) {
        this.deadLetters = deadLetters;
        this.ackTimeout = ackTimeout;
    }

    public void send(ConsumerRecord<String, byte[]> record, String reason, Throwable error) throws PublishFailedException {
        try {
            deadLetters.publish(record, reason, error).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while dead-lettering " + record.topic() + "@" + record.offset(), e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new PublishFailedException("could not dead-letter " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ": " + e, e);
        }
    }
}
