package dev.timbre.recommendation.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Filtered top-k on top of an approximate index that has no filtered search: over-fetch by an eighth (at least 8)
 * for the songs the filter drops, widening ×2 while too few pass. Why not 2k: a graph search for n results costs
 * ef = max(ef, n), so fetching 2k would double the cost of the k = 200 taste query.
 */
public final class FilteredTopK {

    /** The index's {@code n} nearest songs to the query, unfiltered. */
    @FunctionalInterface
    public interface Search {
        List<Candidate> nearest(int n);
    }

    private FilteredTopK() {
    }

    /** The best {@code k} of {@code search}'s results that pass {@code filter}, best first (ties by songId). */
    public static List<Candidate> topK(int k, int size, Predicate<String> filter, Search search) {
        if (k <= 0) {
            return List.of();
        }
        int fetch = Math.min(size, k + Math.max(8, k / 8));
        while (true) {
            List<Candidate> out = new ArrayList<>(k);
            for (Candidate c : search.nearest(Math.max(fetch, 1))) {
                if (filter.test(c.songId())) {
                    out.add(c);
                }
            }
            if (out.size() >= k || fetch >= size) {
                out.sort(BruteForceIndex.WORST_FIRST.reversed());
                return out.size() > k ? new ArrayList<>(out.subList(0, k)) : out;
            }
            fetch = Math.min(size, fetch * 2);
        }
    }
}
