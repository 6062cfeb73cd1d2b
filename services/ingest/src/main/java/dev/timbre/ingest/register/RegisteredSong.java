package dev.timbre.ingest.register;

import java.net.URI;

/** The outcome of a successful registration. */
public record RegisteredSong(String songId, String title, String artist, String album, URI audioUri,
                             String contentType, long sizeBytes) {
}
