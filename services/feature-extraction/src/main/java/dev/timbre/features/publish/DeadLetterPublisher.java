package dev.timbre.features.publish;

import dev.timbre.platform.dlq.DeadLetters;
import dev.timbre.platform.kafka.KafkaKitConfig;
import dev.timbre.platform.kafka.PublishException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;

/**
 * Sends a rejected {@code songs.registered} record, with its raw bytes and the reason, to
 * {@code songs.registered.dlq}, and waits for the acknowledgement: the input is committed only once its
 * dead letter is safe.
 */
@Singleton
public class DeadLetterPublisher {
    private final DeadLetters deadLetters;
    private final Duration ackTimeout;

    @Inject
    public DeadLetterPublisher(DeadLetters deadLetters, KafkaKitConfig kit) {
        this(deadLetters, kit.ackTimeout());
    }

    public DeadLetterPublisher(DeadLetters deadLetters, Duration ackTimeout) {
        this.deadLetters = deadLetters;
        this.ackTimeout = ackTimeout;
    }

    public void send(ConsumerRecord<String, byte[]> record, String reason, Throwable error) throws PublishException {
        deadLetters.publishAndAwait(record, reason, error, ackTimeout);
    }
}
