package dev.timbre.features.blob;

/** The audio a song points to cannot be read: unknown scheme, missing or unreadable file. */
public class BlobUnavailableException extends Exception {
    public BlobUnavailableException(String message) {
        super(message);
    }

    public BlobUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
