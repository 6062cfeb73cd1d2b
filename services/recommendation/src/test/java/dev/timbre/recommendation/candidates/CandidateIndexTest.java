package dev.timbre.recommendation.candidates;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidateIndexTest {

    private static final int DIM = 64;

    @Test
    void bruteForceReturnsTheExactTopKBestFirstWithFilterAndRemoval() {
        BruteForceIndex index = new BruteForceIndex(DIM);
        RandomVectors gen = new RandomVectors(1, DIM, 5);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            float[] v = gen.next();
            vectors.add(v);
            index.upsert("s" + i, v);
        }
        float[] q = gen.next();
        List<Candidate> top = index.topK(q, 10, id -> !id.equals("s7"));

        // Reference: sort everything by cosine.
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            if (i != 7) {
                all.add(new Candidate("s" + i, VectorMath.cosine(q, vectors.get(i))));
            }
        }
        all.sort(BruteForceIndex.WORST_FIRST.reversed());
        assertEquals(all.subList(0, 10).stream().map(Candidate::songId).toList(),
                top.stream().map(Candidate::songId).toList());
        assertEquals(all.get(0).similarity(), top.get(0).similarity(), 1e-5);

        String best = top.get(0).songId();
        index.remove(best);
        assertEquals(2999, index.size());
        assertFalse(index.topK(q, 10, id -> true).stream().anyMatch(c -> c.songId().equals(best)));
        index.upsert(best, q); // re-added, now identical to the query
        assertEquals(best, index.topK(q, 1, id -> true).get(0).songId());
        assertEquals(1.0, index.topK(q, 1, id -> true).get(0).similarity(), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> index.upsert("bad", new float[3]));
    }

    @Test
    void hnswRecallAgainstBruteForceIsHighAndFiltersApply() {
        BruteForceIndex exact = new BruteForceIndex(DIM);
        HnswCandidateIndex ann = new HnswCandidateIndex(DIM);
        RandomVectors gen = new RandomVectors(2, DIM, 20);
        for (int i = 0; i < 5000; i++) {
            float[] v = gen.next();
            exact.upsert("s" + i, v);
            ann.upsert("s" + i, v);
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 50; q++) {
            queries.add(gen.next());
        }
        double recall = Recall.at(20, exact, ann, queries);
        assertTrue(recall >= 0.9, "recall@20 = " + recall);

        // A filter excluding most of the neighbourhood still yields k allowed songs.
        float[] query = gen.next();
        List<Candidate> odd = ann.topK(query, 20, id -> Integer.parseInt(id.substring(1)) % 10 == 3);
        assertEquals(20, odd.size());
        assertTrue(odd.stream().allMatch(c -> c.songId().endsWith("3")));

        ann.remove(odd.get(0).songId());
        assertFalse(ann.topK(query, 20, id -> true).stream().anyMatch(c -> c.songId().equals(odd.get(0).songId())));
    }

    @Test
    void adaptiveIndexSwitchesToAnnAtTheThreshold() {
        AdaptiveCandidateIndex index = AdaptiveCandidateIndex.withHnsw(DIM, 500);
        RandomVectors gen = new RandomVectors(3, DIM, 5);
        for (int i = 0; i < 499; i++) {
            index.upsert("s" + i, gen.next());
        }
        assertFalse(index.approximate());
        float[] v = gen.next();
        index.upsert("s499", v);
        assertTrue(index.approximate());
        index.upsert("s500", gen.next());
        assertEquals(501, index.size());
        assertEquals("s499", index.topK(v, 1, id -> true).get(0).songId());
    }
}
