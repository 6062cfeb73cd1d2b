package dev.timbre.ingest.api;

import dev.timbre.ingest.status.SongEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A song as the status and catalog endpoints show it. Stages: REGISTERED, FEATURES, CLASSIFIED, RECOMMENDABLE, FAILED. */
@Serdeable
public record SongView(String songId, @Nullable String title, @Nullable String artist, @Nullable String album,
                       String stage, @Nullable String detail, @Nullable String service, @Nullable String updatedAt,
                       @Nullable String topGenre) {
    static SongView of(SongEntry entry) {
        return new SongView(entry.songId(), entry.title(), entry.artist(), entry.album(), entry.stage(), entry.detail(),
                entry.service(), entry.updatedAt() == null ? null : entry.updatedAt().toString(), entry.topGenre());
    }
}
