package dev.timbre.recommendation.ranking;

import dev.timbre.recommendation.taste.TasteState;

import java.util.HashMap;
import java.util.Map;

/** A user's genre preference as a distribution: the positive part of the decayed genre weights, normalised. */
final class GenreAffinity {

    private GenreAffinity() {
    }

    static Map<String, Double> of(TasteState taste) {
        double total = 0;
        for (double w : taste.genres.values()) {
            if (w > 1e-9) {
                total += w;
            }
        }
        Map<String, Double> out = new HashMap<>();
        if (total <= 0) {
            return out;
        }
        for (Map.Entry<String, Double> e : taste.genres.entrySet()) {
            if (e.getValue() > 1e-9) {
                out.put(e.getKey(), e.getValue() / total);
            }
        }
        return out;
    }
}
