package dev.timbre.ingest.publish;

/** Kafka did not acknowledge a record; the caller must report failure (503), never pretend success. */
public class PublishException extends RuntimeException {
    private final String topic;

    public PublishException(String topic, String message, Throwable cause) {
        super(message, cause);
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }
}
