package dev.timbre.ingest.register;

import dev.timbre.ingest.metadata.ResolvedMetadata;

import java.net.URI;

/** The outcome of a successful registration; {@code metadata} says what the tags added. */
public record RegisteredSong(String songId, String title, String artist, String album, URI audioUri,
                             String contentType, long sizeBytes, ResolvedMetadata metadata) {
}
