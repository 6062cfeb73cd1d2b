package dev.timbre.ingest.register;

/** A request ingest refuses, with a message meant for the caller. */
public class RejectedRequestException extends RuntimeException {
    private final Rejection rejection;

    public RejectedRequestException(Rejection rejection, String message) {
        super(message);
        this.rejection = rejection;
    }

    public RejectedRequestException(Rejection rejection, String message, Throwable cause) {
        super(message, cause);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
