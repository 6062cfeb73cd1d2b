package dev.timbre.platform.dlq;

import java.nio.charset.StandardCharsets;
import java.util.Map;
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
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private StreamsDeadLetters sink;

    public DeadLetterProcessingHandler() {
    }

    public DeadLetterProcessingHandler(DeadLetters deadLetters) {
        this.sink = new StreamsDeadLetters(deadLetters);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        if (sink == null) {
            sink = new StreamsDeadLetters(configs);
        }
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        byte[] key = record.key() instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : record.key() instanceof byte[] bytes ? bytes : null;
        String text = record.value() == null ? "null" : record.value().toString();
        String value = text.length() > 1000 ? text.substring(0, 1000) + "..." : text;
        Exception failure = sink.publish(letters -> letters.of(context.topic(), context.partition(), context.offset(), key, null,
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
