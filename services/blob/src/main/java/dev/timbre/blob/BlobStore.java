package dev.timbre.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * Where song audio lives; the write side of the blob contract (ingest). Only the returned {@link URI}
 * travels through Kafka, never the bytes; {@link BlobReader} resolves it on the read side (feature-extraction).
 * Keys are {@link BlobKeys} (relative, slash-separated safe segments); URIs are {@link BlobUris}.
 *
 * <p>Failures of the store itself (unreachable, credentials refused, bucket missing) are
 * {@link BlobStoreException}s, so callers can tell them from bad content.
 */
public interface BlobStore {

    /**
     * Stores the stream under {@code key}, atomically (readers see nothing or the complete blob), with its
     * content type and SHA-256. At most {@code maxBytes} are accepted; beyond that {@link BlobTooLargeException}
     * is thrown and nothing is kept. The content is streamed: memory use does not grow with its size.
     */
    StoredBlob put(String key, InputStream content, long maxBytes, String contentType) throws IOException;

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

    /**
     * Verifies the store can be used now (folder present and writable; bucket reachable with the configured
     * credentials), with a message that names what to fix when not.
     */
    void check() throws BlobStoreException;

    /** Where the blobs go, for logs and health details (never includes credentials). */
    String describe();
}
