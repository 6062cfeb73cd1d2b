package dev.timbre.features.publish;

/**
 * Kafka did not acknowledge an output record. Not the song's fault: the input must not be committed, so the
 * consumer restarts from its last committed offset and the song is processed again.
 */
public class PublishFailedException extends Exception {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
