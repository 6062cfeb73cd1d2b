package dev.timbre.recommendation.api;

import dev.timbre.schema.classification.SongProfile;

import java.util.List;

/** JSON form of a song's profile, plus its like count. */
public record SongView(String songId, String title, String artist, String album, String topGenre,
                       List<String> genres, List<Float> genreDistribution, List<Float> embedding,
                       int windowCount, int expectedWindows, String modelVersion, String updatedAt, long likes) {

    static SongView of(SongProfile p, long likes) {
        return new SongView(p.getSongId(), p.getTitle(), p.getArtist(), p.getAlbum(), p.getTopGenre(), p.getGenres(),
                p.getGenreDistribution(), p.getMeanEmbedding(), p.getWindowCount(), p.getExpectedWindows(),
                p.getModelVersion(), p.getUpdatedAt().toString(), likes);
    }
}
