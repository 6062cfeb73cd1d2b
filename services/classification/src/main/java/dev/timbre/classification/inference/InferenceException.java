package dev.timbre.classification.inference;

/** The inference engine failed on a batch (not a bad input: those are rejected before). */
public class InferenceException extends RuntimeException {
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }

    public InferenceException(String message) {
        super(message);
    }
}
