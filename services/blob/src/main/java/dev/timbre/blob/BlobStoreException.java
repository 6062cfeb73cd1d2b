package dev.timbre.blob;

import java.io.IOException;

/**
 * The store itself cannot be used: unreachable, credentials refused, bucket or folder missing, retries
 * exhausted. Not a property of one blob, so a reader retries later instead of giving the song up.
 */
public class BlobStoreException extends IOException {
    public BlobStoreException(String message) {
        super(message);
    }

    public BlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
