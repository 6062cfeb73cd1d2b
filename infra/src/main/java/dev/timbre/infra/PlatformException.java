package dev.timbre.infra;

/** The local platform could not be started, configured or stopped; the message says which part and why. */
public class PlatformException extends RuntimeException {
    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
