package dev.timbre.ingest.status;

import java.time.Instant;

/**
 * What the edge knows of one song: its catalog metadata (from {@code songs.registered} and
 * {@code song.profiles}) and its latest pipeline stage (from {@code song.status}).
 */
public record SongEntry(String songId, String title, String artist, String album, String stage, String detail,
                        String service, Instant updatedAt, String topGenre, Instant registeredAt) {

    SongEntry withMetadata(String newTitle, String newArtist, String newAlbum, Instant newRegisteredAt) {
        return new SongEntry(songId, newTitle != null ? newTitle : title, newArtist != null ? newArtist : artist,
                newAlbum != null ? newAlbum : album, stage, detail, service, updatedAt, topGenre,
                registeredAt != null ? registeredAt : newRegisteredAt);
    }

    SongEntry withStage(String newStage, String newDetail, String newService, Instant at) {
        return new SongEntry(songId, title, artist, album, newStage, newDetail, newService, at, topGenre, registeredAt);
    }

    SongEntry withTopGenre(String genre) {
        return new SongEntry(songId, title, artist, album, stage, detail, service, updatedAt, genre, registeredAt);
    }

    static SongEntry empty(String songId) {
        return new SongEntry(songId, null, null, null, null, null, null, null, null, null);
    }

    /** True once some stage was reported; a song only seen in a profile or registration is still known. */
    public boolean hasStage() {
        return stage != null;
    }
}
