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

    /** Newly added songs kept for the new-song fan-out (stream threads read them from their own cursor). */
    static final int ADDED_LOG = 4096;
    private final java.util.ArrayList<SongEntry> added = new java.util.ArrayList<>();
    private long addedCount;

    /** How many songs were ever added (not re-upserted) to this catalog: a cursor for {@link #addedSince}. */
    public long addedCount() {
        synchronized (added) {
            return addedCount;
        }
    }

    /** Songs added after a cursor, oldest first, and the cursor to pass next time. */
    public record Added(List<SongEntry> songs, long next) {
    }

    /** Songs added after cursor {@code since} (at most the last {@value #ADDED_LOG}), oldest first. */
    public Added addedSince(long since) {
        synchronized (added) {
            long missing = addedCount - since;
            if (missing <= 0) {
                return new Added(List.of(), addedCount);
            }
            int from = (int) Math.max(0, added.size() - missing);
            return new Added(List.copyOf(added.subList(from, added.size())), addedCount);
        }
    }

    /** Counters of the new-song fan-out on this instance (all stream tasks). */
    public final FanOutStats fanOut = new FanOutStats();

    public static final class FanOutStats {
        public final java.util.concurrent.atomic.AtomicLong songs = new java.util.concurrent.atomic.AtomicLong();
        public final java.util.concurrent.atomic.AtomicLong examined = new java.util.concurrent.atomic.AtomicLong();
        public final java.util.concurrent.atomic.AtomicLong reRanked = new java.util.concurrent.atomic.AtomicLong();
        public final java.util.concurrent.atomic.AtomicLong updated = new java.util.concurrent.atomic.AtomicLong();
        public final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    }

    /** Up to {@code n} catalog embeddings spread over the catalog (centroids of the users' taste index). */
    public List<float[]> sampleEmbeddings(int n) {
        List<float[]> out = new java.util.ArrayList<>(n);
        int size = songs.size();
        if (size == 0 || n <= 0) {
            return out;
        }
        int stride = Math.max(1, size / n);
        int i = 0;
        for (SongEntry s : songs.values()) {
            if (i++ % stride == 0 && out.size() < n) {
                out.add(s.embedding());
            }
        }
        return out;
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
            synchronized (added) {
                added.add(song);
                addedCount++;
                if (added.size() > ADDED_LOG) {
                    added.remove(0);
                }
            }
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
