package dev.timbre.ingest.status;

import java.time.Instant;
import java.util.List;

/**
 * What the edge knows of one song: its catalog metadata (from {@code songs.registered} and
 * {@code song.profiles}), its latest pipeline stage (from {@code song.status}), where its audio is, and the model's
 * genre probabilities (from the profile; {@code genres} and {@code genreDistribution} in the same order).
 */
public record SongEntry(String songId, String title, String artist, String album, String stage, String detail,
                        String service, Instant updatedAt, String topGenre, Instant registeredAt,
                        Tags tags, String audioUri, String contentType, List<String> genres,
                        List<Float> genreDistribution) {

    /** Metadata read from the file's tags at registration (each field may be null). */
    public record Tags(Integer year, Integer trackNumber, String genreTag, Long durationMillis, String titleFrom) {
        static final Tags NONE = new Tags(null, null, null, null, null);
    }

    SongEntry withMetadata(String newTitle, String newArtist, String newAlbum, Instant newRegisteredAt) {
        return new SongEntry(songId, newTitle != null ? newTitle : title, newArtist != null ? newArtist : artist,
                newAlbum != null ? newAlbum : album, stage, detail, service, updatedAt, topGenre,
                registeredAt != null ? registeredAt : newRegisteredAt, tags, audioUri, contentType, genres,
                genreDistribution);
    }

    SongEntry withAudio(String newAudioUri, String newContentType, Tags newTags) {
        return new SongEntry(songId, title, artist, album, stage, detail, service, updatedAt, topGenre, registeredAt,
                newTags, newAudioUri, newContentType, genres, genreDistribution);
    }

    SongEntry withStage(String newStage, String newDetail, String newService, Instant at) {
        return new SongEntry(songId, title, artist, album, newStage, newDetail, newService, at, topGenre, registeredAt,
                tags, audioUri, contentType, genres, genreDistribution);
    }

    SongEntry withTopGenre(String genre) {
        return new SongEntry(songId, title, artist, album, stage, detail, service, updatedAt, genre, registeredAt,
                tags, audioUri, contentType, genres, genreDistribution);
    }

    SongEntry withGenres(List<String> newGenres, List<Float> distribution) {
        return new SongEntry(songId, title, artist, album, stage, detail, service, updatedAt, topGenre, registeredAt,
                tags, audioUri, contentType, List.copyOf(newGenres), List.copyOf(distribution));
    }

    static SongEntry empty(String songId) {
        return new SongEntry(songId, null, null, null, null, null, null, null, null, null, Tags.NONE, null, null,
                List.of(), List.of());
    }

    /** True once some stage was reported; a song only seen in a profile or registration is still known. */
    public boolean hasStage() {
        return stage != null;
    }
}
