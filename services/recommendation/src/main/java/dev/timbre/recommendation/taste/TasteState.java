package dev.timbre.recommendation.taste;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A user's taste, the value of the persistent "taste" store (JSON, changelogged). Sums are
 * time-decayed: every sum is as of {@link #clock}; older contributions shrink by half every half-life.
 * Public fields because it is a plain serialised record of state, mutated only by {@link TasteModel}.
 */
public class TasteState {

    /** A like still counted in the sums, so an unlike can subtract exactly what it added. */
    public static class Like {
        public long at;
        /** Weight added at {@link #at}; 0 when the song had no profile yet (nothing to subtract). */
        public double weight;

        public Like() {
        }

        public Like(long at, double weight) {
            this.at = at;
            this.weight = weight;
        }
    }

    /** Decayed weighted sum of song embeddings (likes and listens pull, skips push). */
    public double[] vector;
    /** Decayed sum of the positive weights: how much usable signal the vector carries. */
    public double positiveWeight;
    /** Event time (ms) the sums are decayed to. */
    public long clock;
    /** Decayed genre weights (the songs' genre distributions times the event weights). */
    public Map<String, Double> genres = new TreeMap<>();
    public Map<String, Like> liked = new LinkedHashMap<>();
    public Set<String> heard = new LinkedHashSet<>();
    public Set<String> skipped = new LinkedHashSet<>();
    /** Most recent first. */
    public List<String> recentLikes = new ArrayList<>();
    public long events;
    /** Events about songs that had no profile yet: kept in the history, not in the vector. */
    public long unresolvedEvents;
    /**
     * Similarity to the taste vector of the last candidate the latest ranking fetched by taste (−1 when it
     * fetched fewer than asked): a new song closer than this enters the user's candidates (new-song fan-out).
     */
    public double poolFloor = -1;

    public TasteState() {
    }

    public TasteState(int dimensions) {
        this.vector = new double[dimensions];
    }

    /** Songs never to recommend again: heard, liked or skipped. */
    public boolean excludes(String songId) {
        return heard.contains(songId) || liked.containsKey(songId) || skipped.contains(songId);
    }
}
