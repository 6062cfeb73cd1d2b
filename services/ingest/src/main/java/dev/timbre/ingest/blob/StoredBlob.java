package dev.timbre.ingest.blob;

import java.net.URI;

/** A blob that was written: its key, readable URI, size and SHA-256 (hex) of its content. */
public record StoredBlob(String key, URI uri, long sizeBytes, String sha256) {
}
