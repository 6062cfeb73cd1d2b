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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Catalog.class);

    /** The index before the embedding size is known: no songs yet. */
    private static final CandidateIndex NONE = new CandidateIndex() {
        @Override
        public void upsert(String songId, float[] vector) {
            throw new IllegalStateException("embedding size not known yet");
        }

        @Override
        public void remove(String songId) {
        }

        @Override
        public List<Candidate> topK(float[] query, int k, Predicate<String> filter) {
            return List.of();
        }

        @Override
        public int size() {
            return 0;
        }
    };

    /** Embedding size of every song; 0 until learned from the first valid profile. */
    private volatile int dimensions;
    private final Map<String, SongEntry> songs = new ConcurrentHashMap<>();
    private volatile CandidateIndex index;
    private final Popularity popularity = new Popularity();
    private volatile NeighbourCache neighbours;
    private final java.util.function.IntFunction<CandidateIndex> indexFactory;
    private final int neighbourCacheSize;

    public Catalog(int dimensions, CandidateIndex index) {
        this(dimensions, index, DEFAULT_NEIGHBOUR_CACHE);
    }

    /** A catalog of a fixed embedding size. @param neighbourCache songs whose nearest neighbours are cached (0: none) */
    public Catalog(int dimensions, CandidateIndex index, int neighbourCache) {
        this.dimensions = dimensions;
        this.index = index;
        this.neighbourCacheSize = neighbourCache;
        this.neighbours = new NeighbourCache(index, neighbourCache);
        this.indexFactory = null;
    }

    private Catalog(java.util.function.IntFunction<CandidateIndex> indexFactory, int neighbourCache) {
        this.dimensions = 0;
        this.index = NONE;
        this.neighbourCacheSize = neighbourCache;
        this.neighbours = new NeighbourCache(NONE, 0);
        this.indexFactory = indexFactory;
    }

    /**
     * A catalog that learns its embedding size from the first valid profile (the model's, whatever it is) and
     * rejects profiles of any other size from then on. {@code indexFactory} builds the index for that size.
     */
    public static Catalog learning(java.util.function.IntFunction<CandidateIndex> indexFactory, int neighbourCache) {
        return new Catalog(indexFactory, neighbourCache);
    }

    /**
     * The embedding size a profile must have: its own when the catalog has none yet (learned here), else the
     * catalog's ({@link SongEntry#from} then rejects a mismatch with the reason).
     */
    public int dimensionsFor(dev.timbre.schema.classification.SongProfile p) {
        int n = p.getMeanEmbedding() == null ? 0 : p.getMeanEmbedding().size();
        int d = dimensions;
        if (d != 0 || n == 0) {
            return d; // 0 with no embedding: SongEntry.from rejects it as all zeros
        }
        synchronized (this) {
            if (dimensions == 0) {
                index = indexFactory.apply(n);
                neighbours = new NeighbourCache(index, neighbourCacheSize);
                dimensions = n;
                LOG.info("Embedding size learned from song {}: {} dimensions (profiles of any other size are rejected)",
                        p.getSongId(), n);
            }
            return dimensions;
        }
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
