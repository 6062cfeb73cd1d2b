package dev.timbre.recommendation.taste;

import dev.timbre.recommendation.candidates.VectorMath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Reverse index of users' taste vectors (one per stream task): which users would a new song reach? An
 * inverted-file index: every user sits in the bucket of the centroid (a catalog song) nearest their unit
 * taste vector; a new song probes the {@code probes} buckets nearest to it and keeps the users whose
 * {@link TasteState#poolFloor} it beats. Per song: {@code C} centroid dot products plus the users of the
 * probed buckets (about users × probes / C), never a scan of all users. Per event: {@code C} dot products.
 * Centroids are re-drawn (users re-bucketed) when the catalog has grown 4× since they were drawn.
 */
public final class TasteIndex {

    private record Entry(float[] unit, double floor, int bucket) {
    }

    private final int centroidCount;
    private final int probes;
    private final IntFunction<List<float[]>> sampler;
    private final java.util.function.IntSupplier catalogSize;
    private float[][] centroids = new float[0][];
    private int drawnAtCatalogSize;
    private final Map<String, Entry> users = new HashMap<>();
    private List<Set<String>> buckets = new ArrayList<>();

    /**
     * @param sampler draws up to n catalog embeddings (the centroids)
     */
    public TasteIndex(int centroidCount, int probes, IntFunction<List<float[]>> sampler,
                      java.util.function.IntSupplier catalogSize) {
        this.centroidCount = centroidCount;
        this.probes = probes;
        this.sampler = sampler;
        this.catalogSize = catalogSize;
    }

    /** Adds or moves a user (usable taste); {@code floor}: the taste's {@link TasteState#poolFloor}. */
    public void put(String userId, double[] vector, double floor) {
        maybeRedraw();
        float[] unit = VectorMath.normalized(vector);
        Entry old = users.get(userId);
        int bucket = nearest(unit);
        if (old != null && old.bucket != bucket && old.bucket < buckets.size()) {
            buckets.get(old.bucket).remove(userId);
        }
        users.put(userId, new Entry(unit, floor, bucket));
        if (bucket >= 0) {
            buckets.get(bucket).add(userId);
        }
    }

    public void remove(String userId) {
        Entry old = users.remove(userId);
        if (old != null && old.bucket >= 0 && old.bucket < buckets.size()) {
            buckets.get(old.bucket).remove(userId);
        }
    }

    public int size() {
        return users.size();
    }

    /** Result of one probe: the users to re-rank and how many were looked at. */
    public record Reach(List<String> users, int examined) {
    }

    /** The users whose candidates a new song (unit embedding) would enter, by their indexed taste. */
    public Reach reach(float[] song) {
        maybeRedraw();
        List<String> out = new ArrayList<>();
        int examined = 0;
        if (centroids.length == 0) {
            return new Reach(out, 0);
        }
        int p = Math.min(probes, centroids.length);
        // the p centroids nearest to the song
        int[] best = new int[p];
        double[] bestSim = new double[p];
        java.util.Arrays.fill(bestSim, Double.NEGATIVE_INFINITY);
        for (int c = 0; c < centroids.length; c++) {
            double s = VectorMath.dot(centroids[c], song);
            if (s > bestSim[p - 1]) {
                int i = p - 1;
                while (i > 0 && bestSim[i - 1] < s) {
                    bestSim[i] = bestSim[i - 1];
                    best[i] = best[i - 1];
                    i--;
                }
                bestSim[i] = s;
                best[i] = c;
            }
        }
        for (int i = 0; i < p; i++) {
            if (bestSim[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            for (String userId : buckets.get(best[i])) {
                Entry e = users.get(userId);
                examined++;
                if (VectorMath.dot(e.unit, song) > e.floor) {
                    out.add(userId);
                }
            }
        }
        return new Reach(out, examined);
    }

    private int nearest(float[] unit) {
        int best = -1;
        double bestSim = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double s = VectorMath.dot(centroids[c], unit);
            if (s > bestSim) {
                bestSim = s;
                best = c;
            }
        }
        return best;
    }

    /** Draws centroids when there are none yet or the catalog grew 4× since (amortised: log₄ of the catalog size). */
    private void maybeRedraw() {
        int size = catalogSize.getAsInt();
        boolean none = centroids.length == 0;
        boolean grew = centroids.length < centroidCount && size >= 4L * drawnAtCatalogSize;
        if (size == 0 || !(none || grew)) {
            return;
        }
        List<float[]> drawn = sampler.apply(centroidCount);
        if (drawn.isEmpty()) {
            return;
        }
        centroids = drawn.toArray(new float[0][]);
        drawnAtCatalogSize = size;
        buckets = new ArrayList<>(centroids.length);
        for (int i = 0; i < centroids.length; i++) {
            buckets.add(new HashSet<>());
        }
        Map<String, Entry> all = new HashMap<>(users);
        users.clear();
        all.forEach((id, e) -> {
            int b = nearest(e.unit);
            users.put(id, new Entry(e.unit, e.floor, b));
            buckets.get(b).add(id);
        });
    }
}
