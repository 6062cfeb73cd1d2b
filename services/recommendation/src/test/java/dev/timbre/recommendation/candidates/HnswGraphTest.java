package dev.timbre.recommendation.candidates;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HnswGraphTest {

    private static final int DIM = 64;

    private static HnswGraph graph(int n, long seed) {
        HnswGraph g = new HnswGraph(DIM, 16, 100, 16); // a small initial capacity: the graph grows
        RandomVectors gen = new RandomVectors(seed, DIM, 20);
        for (int i = 0; i < n; i++) {
            g.upsert("s" + i, VectorMath.normalized(gen.next()));
        }
        return g;
    }

    @Test
    void theSameInsertsBuildTheSameGraph() {
        HnswGraph a = graph(3000, 7);
        HnswGraph b = graph(3000, 7);
        RandomVectors queries = new RandomVectors(99, DIM, 20);
        for (int q = 0; q < 20; q++) {
            float[] query = VectorMath.normalized(queries.next());
            HnswGraph.Hits x = a.search(query, 50, 100);
            HnswGraph.Hits y = b.search(query, 50, 100);
            assertArrayEquals(x.nodes(), y.nodes());
            assertArrayEquals(x.distances(), y.distances());
        }
    }

    @Test
    void recallAt200AgainstExactSearchOnClusteredVectors() {
        BruteForceIndex exact = new BruteForceIndex(DIM);
        HnswCandidateIndex ann = new HnswCandidateIndex(DIM);
        RandomVectors gen = new RandomVectors(5, DIM, 30);
        for (int i = 0; i < 20_000; i++) {
            float[] v = gen.next();
            exact.upsert("s" + i, v);
            ann.upsert("s" + i, v);
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 30; q++) {
            queries.add(gen.next());
        }
        for (float[] query : queries) {
            List<Candidate> found = ann.topK(query, 200, id -> true);
            assertEquals(200, found.size());
            for (int i = 1; i < found.size(); i++) {
                assertTrue(found.get(i - 1).similarity() >= found.get(i).similarity(), "best first");
            }
        }
        double recall = Recall.at(200, exact, ann, queries);
        assertTrue(recall >= 0.98, "recall@200 = " + recall);
    }

    @Test
    void removedAndReplacedSongsAreNeverReturnedTwiceOrStale() {
        HnswGraph g = graph(2000, 11);
        float[] q = VectorMath.normalized(new RandomVectors(12, DIM, 20).next());
        HnswGraph.Hits before = g.search(q, 10, 100);
        String nearest = g.id(before.nodes()[0]);

        g.remove(nearest);
        assertEquals(1999, g.size());
        HnswGraph.Hits after = g.search(q, 10, 100);
        for (int i = 0; i < after.size(); i++) {
            assertFalse(g.id(after.nodes()[i]).equals(nearest), "a removed song is not returned");
        }

        // Re-added with the query's own vector: found first, at distance 0, exactly once.
        g.upsert(nearest, q);
        g.upsert(nearest, q); // the same vector again changes nothing
        assertEquals(2000, g.size());
        HnswGraph.Hits back = g.search(q, 10, 100);
        assertEquals(nearest, g.id(back.nodes()[0]));
        assertEquals(0f, back.distances()[0], 1e-6f);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < back.size(); i++) {
            assertTrue(ids.add(g.id(back.nodes()[i])), "each song once");
        }
        assertThrows(IllegalArgumentException.class, () -> g.upsert("bad", new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new HnswGraph(DIM, 1, 100, 16));
    }

    @Test
    void searchesRunConcurrentlyWithInserts() throws Exception {
        HnswGraph g = graph(2000, 13);
        RandomVectors gen = new RandomVectors(14, DIM, 20);
        List<float[]> more = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            more.add(VectorMath.normalized(gen.next()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < more.size(); i++) {
                    g.upsert("n" + i, more.get(i));
                }
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int searches = 0;
                    while (!writer.isDone()) {
                        HnswGraph.Hits h = g.search(more.get(searches % more.size()), 50, 100);
                        assertEquals(50, h.size());
                        searches++;
                    }
                    return searches;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> r : readers) {
                assertTrue(r.get(60, TimeUnit.SECONDS) > 0);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5000, g.size());
        assertEquals("n42", g.id(g.search(more.get(42), 1, 100).nodes()[0]));
    }
}
