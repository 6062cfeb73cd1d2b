package dev.timbre.ingest.api;

import dev.timbre.ingest.status.SongEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A song as the status and catalog endpoints show it. Stages: REGISTERED, FEATURES, CLASSIFIED, RECOMMENDABLE,
 * FAILED. {@code artist} is null when unknown; {@code year}, {@code trackNumber}, {@code genreTag} and
 * {@code durationMillis} come from the file's tags; {@code genres} are the model's mean probabilities per genre
 * (once classified).
 */
@Serdeable
public record SongView(String songId, @Nullable String title, @Nullable String artist, @Nullable String album,
                       String stage, @Nullable String detail, @Nullable String service, @Nullable String updatedAt,
                       @Nullable String topGenre, @Nullable Integer year, @Nullable Integer trackNumber,
                       @Nullable String genreTag, @Nullable Long durationMillis, @Nullable String contentType,
                       @Nullable Map<String, Float> genres) {
    static SongView of(SongEntry entry) {
        Map<String, Float> genres = null;
        if (!entry.genres().isEmpty() && entry.genres().size() == entry.genreDistribution().size()) {
            genres = new LinkedHashMap<>();
            for (int i = 0; i < entry.genres().size(); i++) {
                genres.put(entry.genres().get(i), entry.genreDistribution().get(i));
            }
        }
        SongEntry.Tags t = entry.tags();
        return new SongView(entry.songId(), entry.title(), entry.artist(), entry.album(), entry.stage(), entry.detail(),
                entry.service(), entry.updatedAt() == null ? null : entry.updatedAt().toString(), entry.topGenre(),
                t.year(), t.trackNumber(), t.genreTag(), t.durationMillis(), entry.contentType(), genres);
    }
}
