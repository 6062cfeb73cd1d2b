package dev.timbre.platform.dlq;

import dev.timbre.schema.dlq.DeadLetter;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams {@code deserialization.exception.handler}: a record that cannot be deserialized goes to
 * {@code <topic>.dlq} with its raw bytes and the reason, and the app carries on. If the dead letter itself cannot
 * be written the app stops (FAIL) rather than dropping the record silently.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private DeadLetters deadLetters;

    /** For Kafka Streams, which creates it by class name and then calls {@link #configure}. */
    public DeadLetterDeserializationHandler() {
    }

    /** Publishes through the given dead letters (tests, custom wiring); {@link #configure} then keeps it. */
    public DeadLetterDeserializationHandler(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        if (deadLetters == null) {
            deadLetters = StreamsDeadLetters.fromStreamsConfig(configs);
        }
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        DeadLetter letter = deadLetters.of(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                "Could not deserialize: " + DeadLetters.messageOf(exception), exception);
        Exception failure = StreamsDeadLetters.publish(deadLetters, letter);
        if (failure != null) {
            LOG.error("Could not dead-letter undeserializable record {}-{}@{}; stopping", record.topic(), record.partition(),
                    record.offset(), failure);
            return DeserializationHandlerResponse.FAIL;
        }
        LOG.warn("Dead-lettered undeserializable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                exception.getMessage());
        return DeserializationHandlerResponse.CONTINUE;
    }
}
