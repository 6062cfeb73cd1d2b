package dev.timbre.platform.dlq;

import dev.timbre.schema.dlq.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * Base of the three Streams exception handlers: Kafka Streams creates them by class name and then calls
 * {@link #configure}; tests and custom wiring pass their {@link DeadLetters} instead.
 */
abstract class StreamsDeadLetterHandler {
    private StreamsDeadLetters sink;

    StreamsDeadLetterHandler() {
    }

    StreamsDeadLetterHandler(DeadLetters deadLetters) {
        this.sink = new StreamsDeadLetters(deadLetters);
    }

    public void configure(Map<String, ?> configs) {
        if (sink == null) {
            sink = new StreamsDeadLetters(configs);
        }
    }

    /** @return null when the dead letter is written, else why it could not be */
    Exception publish(Function<DeadLetters, DeadLetter> letter) {
        return sink.publish(letter);
    }

    /** A deserialized key in its faithful byte form where it has one (String, byte[]); otherwise null. */
    static byte[] keyBytes(Object key) {
        return key instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : key instanceof byte[] bytes ? bytes : null;
    }
}
