package dev.timbre.model;

/** The model directory is missing, incomplete or inconsistent; the service cannot start without a model. */
public class InvalidModelException extends RuntimeException {
    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
