package dev.timbre.platform.dlq;

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
public class DeadLetterDeserializationHandler extends StreamsDeadLetterHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    /** For Kafka Streams, which creates it by class name and then calls {@link #configure}. */
    public DeadLetterDeserializationHandler() {
    }

    /** Publishes through the given dead letters (tests, custom wiring); {@link #configure} then keeps it. */
    public DeadLetterDeserializationHandler(DeadLetters deadLetters) {
        super(deadLetters);
    }


    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        Exception failure = publish(letters -> letters.of(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                "Could not deserialize: " + DeadLetters.messageOf(exception), exception));
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
