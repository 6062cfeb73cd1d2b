package dev.timbre.recommendation.ranking;

import dev.timbre.recommendation.catalog.SongEntry;

import java.util.Locale;

/**
 * A candidate with its similarity score, the user's affinity for its genre, and what its reason is made of
 * (the reason text itself is only formatted for the songs that make the list).
 */
record ScoredSong(SongEntry song, double score, double genreAffinity, double toTaste, SongEntry closestLike,
                  double toLike) {

    /**
     * Songs of genres the user has affinity for are grouped by genre; songs of genres with no
     * affinity form one group ordered by score alone.
     */
    String genreGroup() {
        return genreAffinity > 0 ? song.topGenre() : "";
    }

    /** {@code similar to Blue in Green you liked (0.93), jazz} or {@code close to your taste (0.81), jazz}. */
    String reason() {
        return closestLike != null && toLike >= toTaste
                ? String.format(Locale.ROOT, "similar to %s you liked (%.2f), %s",
                        closestLike.displayTitle(), toLike, song.topGenre())
                : String.format(Locale.ROOT, "close to your taste (%.2f), %s", toTaste, song.topGenre());
    }
}
