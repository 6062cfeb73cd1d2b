package dev.timbre.blob;

/**
 * This one blob cannot be read: invalid or unsupported URI, no such file or object, not readable, or its
 * content does not match the checksum stored with it. Permanent for that URI (a reader dead-letters it).
 */
public class BlobUnavailableException extends Exception {
    public BlobUnavailableException(String message) {
        super(message);
    }

    public BlobUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
