package dev.timbre.recommendation.bench;

import dev.timbre.recommendation.candidates.AdaptiveCandidateIndex;
import dev.timbre.recommendation.candidates.HnswCandidateIndex;
import dev.timbre.recommendation.candidates.RandomVectors;
import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.catalog.SongEntry;

import java.util.List;
import java.util.Locale;

/**
 * Heap of the in-memory catalog (songs, exact vectors, HNSW graph, popularity, neighbour cache) per catalog size,
 * measured as used heap after full GCs before and after loading. Run with the heap the deployment would get,
 * e.g. {@code -Xmx1536m}: an OutOfMemoryError is the answer "does not fit".
 * Args: sizes (default 100000,1000000); {@code -Dbench.hnsw-build-threads} (default: all cores).
 */
public final class MemoryBench {

    private static final List<String> GENRES = List.of("blues", "classical", "country", "disco", "hiphop",
            "jazz", "metal", "pop", "reggae", "rock");

    /** Catalogs up to this size are also measured with the HNSW graph (a 1 M graph takes a few minutes to build). */
    private static final int HNSW_MAX = Integer.getInteger("bench.memory.hnsw-max", 1_000_000);
    /** The service's default {@code ann-threshold}. */
    private static final int ANN_THRESHOLD = dev.timbre.recommendation.config.RecommendationConfig.defaults().annThreshold();

    public static void main(String[] args) {
        String sizes = args.length > 0 ? args[0] : "100000,1000000";
        System.out.printf(Locale.ROOT, "max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        double graphPerSong = -1;
        for (String n : sizes.split(",")) {
            int size = Integer.parseInt(n.trim());
            long exact = run(size, false);
            if (size <= HNSW_MAX) {
                long withGraph = run(size, true);
                graphPerSong = (withGraph - exact) / (double) size;
                System.out.printf(Locale.ROOT, "  HNSW graph (M 16): %.0f bytes/song%n", graphPerSong);
            } else if (graphPerSong > 0) {
                System.out.printf(Locale.ROOT, "| %,d songs | ≈ %,d MB heap with the HNSW graph (exact part measured, graph at %.0f bytes/song from the %s run) |%n",
                        size, (long) (exact + graphPerSong * size) >> 20, graphPerSong, "smaller");
            }
        }
    }

    /** @return heap bytes held by the loaded catalog */
    private static long run(int n, boolean graph) {
        long before = used();
        long start = System.nanoTime();
        // With the graph: as the service does, brute force up to the default ANN threshold, then every further song
        // inserted into the graph (the exact index is dropped at the switch).
        Catalog catalog = new Catalog(64, AdaptiveCandidateIndex.withHnsw(64, graph ? ANN_THRESHOLD : Integer.MAX_VALUE,
                n >= 1_000_000 ? 400 : HnswCandidateIndex.DEFAULT_EF));
        RandomVectors gen = new RandomVectors(42, 64, 50);
        float[] dist = new float[GENRES.size()];
        for (int i = 0; i < n; i++) {
            int g = i % GENRES.size();
            dist[g] = 0.7f;
            catalog.upsert(new SongEntry("song-" + i, "Song " + i, "Artist " + (i % (n / 3 + 1)), "Album " + (i % (n / 2 + 1)),
                    GENRES.get(g), GENRES, dist.clone(), gen.next()));
            dist[g] = 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = used();
        System.out.printf(Locale.ROOT, "| %,d songs | %s | %,d MB heap | %.0f s to load | %,d bytes/song |%n", n,
                graph ? "catalog + exact vectors + HNSW graph + popularity" : "catalog + exact vectors + popularity (no graph)",
                (after - before) >> 20, seconds, (after - before) / n);
        if (catalog.size() != n) {
            throw new IllegalStateException("catalog has " + catalog.size());
        }
        return after - before;
    }

    private static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
