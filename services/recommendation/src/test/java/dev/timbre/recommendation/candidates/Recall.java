package dev.timbre.recommendation.candidates;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** recall@k of an approximate index against the exact one, over a set of queries (test helper). */
final class Recall {

    private Recall() {
    }

    static double at(int k, CandidateIndex exact, CandidateIndex approximate, List<float[]> queries) {
        long hits = 0;
        long total = 0;
        for (float[] query : queries) {
            Set<String> truth = new HashSet<>();
            exact.topK(query, k, id -> true).forEach(c -> truth.add(c.songId()));
            List<Candidate> found = approximate.topK(query, k, id -> true);
            hits += found.stream().filter(c -> truth.contains(c.songId())).count();
            total += truth.size();
        }
        return hits / (double) total;
    }
}
