package dev.timbre.platform.dlq;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams {@code production.exception.handler}: an output record that cannot be serialized or is refused by
 * the broker (e.g. too large) is dead-lettered against the input record that produced it ({@code <input>.dlq},
 * with the input's partition and offset) and the app carries on. Errors Streams retries itself never get here.
 * If the dead letter cannot be written the app stops (FAIL) rather than losing the record.
 */
public class DeadLetterProductionHandler extends StreamsDeadLetterHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    public DeadLetterProductionHandler() {
    }

    public DeadLetterProductionHandler(DeadLetters deadLetters) {
        super(deadLetters);
    }


    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        return deadLetter(context, record, record.key(), record.value(),
                "Could not produce to '" + record.topic() + "': " + DeadLetters.messageOf(exception), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context, ProducerRecord record,
                                                                           Exception exception, SerializationExceptionOrigin origin) {
        // The record still holds objects; keep what has a faithful byte form (String keys), describe the rest.
        byte[] key = keyBytes(record.key());
        String valueType = record.value() == null ? "null" : record.value().getClass().getName();
        return deadLetter(context, record, key, null, "Could not serialize the " + origin.name().toLowerCase() + " of a " + valueType
                + " for '" + record.topic() + "': " + DeadLetters.messageOf(exception), exception);
    }

    private ProductionExceptionHandlerResponse deadLetter(ErrorHandlerContext context, ProducerRecord<?, ?> record, byte[] key,
                                                          byte[] value, String reason, Exception exception) {
        // Punctuations have no input record: then the output topic names the dead letter.
        boolean fromInput = context != null && context.topic() != null;
        Exception failure = publish(letters -> letters.of(fromInput ? context.topic() : record.topic(),
                fromInput ? context.partition() : (record.partition() == null ? -1 : record.partition()),
                fromInput ? context.offset() : -1, key, value, reason, exception));
        if (failure != null) {
            LOG.error("Could not dead-letter a failed output to {}; stopping", record.topic(), failure);
            return ProductionExceptionHandlerResponse.FAIL;
        }
        LOG.warn("Dead-lettered an output to {} ({})", record.topic(), reason);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }
}
