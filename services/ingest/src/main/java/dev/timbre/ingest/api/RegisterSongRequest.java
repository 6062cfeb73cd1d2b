package dev.timbre.ingest.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** JSON registration of a song the platform can read: {@code source} is a file:// or https:// URI. */
@Serdeable
public record RegisterSongRequest(@Nullable String songId, @Nullable String title, @Nullable String artist,
                                  @Nullable String album, @Nullable String source) {
}
