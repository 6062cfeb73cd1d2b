package dev.timbre.blob;

import java.net.URI;

/** A blob that was written: its key, readable URI, size, SHA-256 (hex) of its content and its content type. */
public record StoredBlob(String key, URI uri, long sizeBytes, String sha256, String contentType) {
}
