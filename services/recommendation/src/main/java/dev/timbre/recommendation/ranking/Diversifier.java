package dev.timbre.recommendation.ranking;

import dev.timbre.recommendation.candidates.VectorMath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the final list from the ranked candidates, genre group by genre group (so genre stays the
 * first-order signal): within a group, maximal marginal relevance (λ·score − (1−λ)·max similarity to
 * songs already picked) and at most {@code maxPerArtist} / {@code maxPerAlbum} songs per artist / album.
 */
final class Diversifier {

    private Diversifier() {
    }

    static List<ScoredSong> pick(List<ScoredSong> ranked, int n, double lambda, int maxPerArtist, int maxPerAlbum) {
        List<ScoredSong> picked = new ArrayList<>(n);
        Map<String, Integer> perArtist = new HashMap<>();
        Map<String, Integer> perAlbum = new HashMap<>();
        int start = 0;
        while (start < ranked.size() && picked.size() < n) {
            int end = start;
            String group = ranked.get(start).genreGroup();
            while (end < ranked.size() && Objects.equals(ranked.get(end).genreGroup(), group)) {
                end++;
            }
            List<ScoredSong> remaining = new ArrayList<>(ranked.subList(start, end));
            while (!remaining.isEmpty() && picked.size() < n) {
                int best = -1;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < remaining.size(); i++) {
                    ScoredSong c = remaining.get(i);
                    if (capped(perArtist, c.song().artist(), maxPerArtist) || capped(perAlbum, albumKey(c), maxPerAlbum)) {
                        continue;
                    }
                    double redundancy = 0;
                    for (ScoredSong p : picked) {
                        redundancy = Math.max(redundancy, VectorMath.dot(p.song().embedding(), c.song().embedding()));
                    }
                    double value = lambda * c.score() - (1 - lambda) * redundancy;
                    if (value > bestValue) { // strict: ties keep the ranking order
                        bestValue = value;
                        best = i;
                    }
                }
                if (best < 0) {
                    break; // everything left in this group is capped
                }
                ScoredSong chosen = remaining.remove(best);
                picked.add(chosen);
                count(perArtist, chosen.song().artist());
                count(perAlbum, albumKey(chosen));
            }
            start = end;
        }
        return picked;
    }

    /** Albums are only unique per artist ("Greatest Hits"). */
    private static String albumKey(ScoredSong s) {
        return s.song().album() == null ? null : s.song().artist() + "\u0000" + s.song().album();
    }

    private static boolean capped(Map<String, Integer> counts, String key, int max) {
        return key != null && max > 0 && counts.getOrDefault(key, 0) >= max;
    }

    private static void count(Map<String, Integer> counts, String key) {
        if (key != null) {
            counts.merge(key, 1, Integer::sum);
        }
    }
}
