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

    public static void main(String[] args) {
        String sizes = args.length > 0 ? args[0] : "100000,1000000";
        System.out.printf(Locale.ROOT, "max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        for (String n : sizes.split(",")) {
            run(Integer.parseInt(n.trim()));
        }
    }

    private static void run(int n) {
        long before = used();
        long start = System.nanoTime();
        // ANN from the first song, so the graph is built incrementally like a live catalog's; ef 400 at 1 M (README).
        Catalog catalog = new Catalog(64, AdaptiveCandidateIndex.withHnsw(64, 1, n >= 1_000_000 ? 400 : HnswCandidateIndex.DEFAULT_EF));
        RandomVectors gen = new RandomVectors(42, 64, 50);
        float[] dist = new float[GENRES.size()];
        for (int i = 0; i < n; i++) {
            int g = i % GENRES.size();
            dist[g] = 0.7f;
            catalog.upsert(new SongEntry("song-" + i, "Song " + i, "Artist " + (i % (n / 3 + 1)), "Album " + (i % (n / 2 + 1)),
                    GENRES.get(g), GENRES, dist.clone(), gen.next()));
            dist[g] = 0;
            if (i > 0 && i % 100_000 == 0) {
                System.out.printf(Locale.ROOT, "  %,d songs loaded, %.0f s%n", i, (System.nanoTime() - start) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = used();
        System.out.printf(Locale.ROOT, "| %,d songs | %,d MB heap (catalog + exact vectors + HNSW graph + popularity) | %.0f s to load | %,d bytes/song |%n",
                n, (after - before) >> 20, seconds, (after - before) / n);
        if (catalog.size() != n) {
            throw new IllegalStateException("catalog has " + catalog.size());
        }
    }

    private static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
