package dev.timbre.platform.dlq;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams {@code processing.exception.handler}: a record whose processing throws (a bad value the topology
 * cannot handle) is dead-lettered against its input record and the app carries on. Streams hands over the
 * deserialized record, so only a String/byte[] key is kept as bytes; the value is described in the reason.
 * If the dead letter cannot be written the app stops (FAIL) rather than losing the record.
 */
public class DeadLetterProcessingHandler extends StreamsDeadLetterHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    public DeadLetterProcessingHandler() {
    }

    public DeadLetterProcessingHandler(DeadLetters deadLetters) {
        super(deadLetters);
    }


    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        byte[] key = keyBytes(record.key());
        String text = record.value() == null ? "null" : record.value().toString();
        String value = text.length() > 1000 ? text.substring(0, 1000) + "..." : text;
        Exception failure = publish(letters -> letters.of(context.topic(), context.partition(), context.offset(), key, null,
                "Processing failed in " + context.processorNodeId() + ": " + DeadLetters.messageOf(exception) + " [value: " + value + "]",
                exception));
        if (failure != null) {
            LOG.error("Could not dead-letter record {}-{}@{} that failed processing; stopping", context.topic(), context.partition(),
                    context.offset(), failure);
            return ProcessingHandlerResponse.FAIL;
        }
        LOG.warn("Dead-lettered record {}-{}@{} that failed processing: {}", context.topic(), context.partition(), context.offset(),
                exception.toString());
        return ProcessingHandlerResponse.CONTINUE;
    }
}
