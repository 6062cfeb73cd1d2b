package dev.timbre.blob;

import java.io.IOException;

/** The content exceeded the size limit; nothing was stored. */
public class BlobTooLargeException extends IOException {
    private final long limitBytes;

    public BlobTooLargeException(long limitBytes) {
        super("content exceeds the limit of " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
