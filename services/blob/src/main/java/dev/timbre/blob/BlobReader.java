package dev.timbre.blob;

import dev.timbre.blob.s3.S3BlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read side of the blob contract (feature-extraction): turns a blob URI ({@link BlobUris}) into a local
 * file. {@code file:} is always readable; {@code s3:} needs this service's S3 store ({@code timbre.blob.store=s3}),
 * whose endpoint, region and credentials are used, and only for its own bucket.
 *
 * <p>{@link BlobUnavailableException}: this blob cannot be read (dead-letter it). {@link BlobStoreException}:
 * the store cannot be used right now (retry; never give a song up because of an outage or a bad Secret).
 */
public final class BlobReader {
    private final S3BlobStore s3;

    /** @param s3 the S3 store, or null when this service has none */
    public BlobReader(S3BlobStore s3) {
        this.s3 = s3;
    }

    public FetchedBlob fetch(String audioUri) throws BlobUnavailableException, BlobStoreException {
        BlobUris.Location location = BlobUris.parse(audioUri);
        if (location.isFile()) {
            return local(audioUri, location.file());
        }
        if (s3 == null) {
            throw new BlobUnavailableException("cannot read " + audioUri + ": this service has no S3 blob store"
                    + " configured (timbre.blob.store=s3)");
        }
        return s3.fetch(location.bucket(), location.key());
    }

    private static FetchedBlob local(String audioUri, Path path) throws BlobUnavailableException {
        if (!Files.isRegularFile(path)) {
            throw new BlobUnavailableException("audio not found at " + audioUri);
        }
        if (!Files.isReadable(path)) {
            throw new BlobUnavailableException("audio at " + audioUri + " is not readable");
        }
        try {
            return new FetchedBlob(path, Files.size(path), false);
        } catch (IOException e) {
            throw new BlobUnavailableException("audio at " + audioUri + " is not readable: " + e.getMessage(), e);
        }
    }
}
