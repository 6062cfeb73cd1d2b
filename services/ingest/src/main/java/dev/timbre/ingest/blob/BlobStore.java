package dev.timbre.ingest.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * Where song audio lives. Only the returned {@link URI} travels through Kafka, never the bytes, so every
 * reader (feature-extraction) must be able to resolve it: {@code file:} for the local store; an
 * S3-compatible implementation would return {@code s3://bucket/key} and implement the same contract with
 * multipart PUTs (atomic by nature: an object is visible only once complete).
 */
public interface BlobStore {

    /**
     * Stores the stream under {@code key}, atomically: readers see either nothing or the complete blob.
     * At most {@code maxBytes} are accepted; beyond that {@link BlobTooLargeException} is thrown and nothing
     * is kept.
     */
    StoredBlob put(String key, InputStream content, long maxBytes) throws IOException;

    /** Opens the blob for reading; empty when there is no such key. */
    Optional<InputStream> open(String key) throws IOException;

    /** Reads the whole blob; empty when there is no such key. Meant for small blobs and tests. */
    default Optional<byte[]> get(String key) throws IOException {
        Optional<InputStream> in = open(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        }
    }

    /** Deletes the blob; returns false when there was nothing to delete. */
    boolean delete(String key) throws IOException;

    /** The URI other services use to read {@code key}. */
    URI uriOf(String key);
}
