package dev.timbre.recommendation.ranking;

import dev.timbre.recommendation.catalog.SongEntry;

/** A candidate with its similarity score, the user's affinity for its genre, and why it is there. */
record ScoredSong(SongEntry song, double score, double genreAffinity, String reason) {

    /**
     * Songs of genres the user has affinity for are grouped by genre; songs of genres with no
     * affinity form one group ordered by score alone.
     */
    String genreGroup() {
        return genreAffinity > 0 ? song.topGenre() : "";
    }
}
