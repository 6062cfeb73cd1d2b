package dev.timbre.recommendation.api;

import dev.timbre.recommendation.candidates.Candidate;
import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.catalog.SongEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "More like this": the songs nearest to one song by the model's embedding (cosine over the catalog's candidate
 * index), songs of the same predicted genre first, each with its score and a reason. Read-only over the
 * {@link Catalog} every instance holds, so any instance answers.
 */
public final class SimilarSongs {
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;
    /** Neighbours fetched beyond the limit, so that same-genre songs a little further away can still come first. */
    static final int OVERFETCH = 5;

    /** The answer: the song asked about and its neighbours. */
    public record Result(String songId, String title, String artist, String genre, List<Item> items) {
    }

    public record Item(int rank, String songId, String title, String artist, String album, String genre,
                       boolean sameGenre, double score, String reason) {
    }

    private final Catalog catalog;

    public SimilarSongs(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Empty when the catalog has no profile for {@code songId}. */
    public Optional<Result> similar(String songId, int limit) {
        SongEntry song = catalog.song(songId);
        if (song == null) {
            return Optional.empty();
        }
        int fetch = Math.min(Math.max(limit * OVERFETCH, 50), Math.max(1, catalog.size()));
        List<Candidate> near = catalog.index().topK(song.embedding(), fetch, id -> !id.equals(songId));
        List<Item> ordered = new ArrayList<>();
        List<Candidate> sorted = new ArrayList<>(near);
        sorted.sort(Comparator.<Candidate>comparingInt(c -> sameGenre(song, c) ? 0 : 1)
                .thenComparing(Comparator.comparingDouble(Candidate::similarity).reversed())
                .thenComparing(Candidate::songId));
        for (Candidate c : sorted) {
            SongEntry other = catalog.song(c.songId());
            if (other == null) {
                continue; // removed while we looked
            }
            if (ordered.size() == limit) {
                break;
            }
            double score = Math.round(c.similarity() * 1000) / 1000.0;
            boolean same = other.topGenre().equals(song.topGenre());
            String reason = String.format(Locale.ROOT, "sounds like %s (%.2f), %s", song.displayTitle(), c.similarity(),
                    same ? "same genre: " + other.topGenre() : other.topGenre());
            ordered.add(new Item(ordered.size() + 1, other.songId(), other.title(), other.artist(), other.album(),
                    other.topGenre(), same, score, reason));
        }
        return Optional.of(new Result(song.songId(), song.title(), song.artist(), song.topGenre(), ordered));
    }

    private boolean sameGenre(SongEntry song, Candidate c) {
        SongEntry other = catalog.song(c.songId());
        return other != null && other.topGenre().equals(song.topGenre());
    }
}
