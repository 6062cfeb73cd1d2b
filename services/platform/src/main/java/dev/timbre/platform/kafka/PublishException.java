package dev.timbre.platform.kafka;

/**
 * Kafka did not acknowledge a record within the timeout, rejected it, or it could not even be sent (serialisation,
 * registry). Never the record's fault: the caller reports failure (ingest answers 503) or leaves its input
 * uncommitted so it is processed again; it must never pretend success.
 */
public class PublishException extends RuntimeException {
    private final String topic;

    public PublishException(String topic, String message, Throwable cause) {
        super(message, cause);
        this.topic = topic;
    }

    /** The topic the record was for. */
    public String topic() {
        return topic;
    }
}
