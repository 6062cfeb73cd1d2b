package dev.timbre.recommendation.catalog;

import dev.timbre.recommendation.candidates.Candidate;
import dev.timbre.recommendation.candidates.CandidateIndex;
import dev.timbre.recommendation.candidates.NeighbourCache;

import java.util.List;
import java.util.function.Predicate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every recommendable song, held by each instance (fed from global stores), with its candidate index
 * and its popularity. One per Kafka Streams instance.
 */
public final class Catalog {

    private final int dimensions;
    private final Map<String, SongEntry> songs = new ConcurrentHashMap<>();
    private final CandidateIndex index;
    private final Popularity popularity = new Popularity();
    private final NeighbourCache neighbours;

    public Catalog(int dimensions, CandidateIndex index) {
        this(dimensions, index, DEFAULT_NEIGHBOUR_CACHE);
    }

    /** @param neighbourCache songs whose nearest neighbours are cached (0: none) */
    public Catalog(int dimensions, CandidateIndex index, int neighbourCache) {
        this.dimensions = dimensions;
        this.index = index;
        this.neighbours = new NeighbourCache(index, neighbourCache);
    }

    /** Songs whose neighbours are cached by default: 20 000 × 100 neighbours ≈ 16 MB. */
    public static final int DEFAULT_NEIGHBOUR_CACHE = 20_000;

    public int dimensions() {
        return dimensions;
    }

    public void upsert(SongEntry song) {
        SongEntry before = songs.put(song.songId(), song);
        index.upsert(song.songId(), song.embedding());
        if (before == null) {
            neighbours.added(song.embedding());
        } else {
            neighbours.invalidateAll();
        }
        popularity.setGenre(song.songId(), song.topGenre());
    }

    public void remove(String songId) {
        songs.remove(songId);
        index.remove(songId);
        neighbours.invalidateAll();
        popularity.removeSong(songId);
    }

    /**
     * The {@code k} songs nearest to a catalog song that pass {@code filter}, best first (the song itself
     * included when it passes); served from the shared neighbour cache.
     */
    public List<Candidate> nearestTo(SongEntry song, int k, Predicate<String> filter) {
        return neighbours.nearest(song.songId(), song.embedding(), k, filter);
    }

    /** The song, or null when no profile has arrived yet. */
    public SongEntry song(String songId) {
        return songs.get(songId);
    }

    public int size() {
        return songs.size();
    }

    public CandidateIndex index() {
        return index;
    }

    public Popularity popularity() {
        return popularity;
    }
}
