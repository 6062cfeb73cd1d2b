package dev.timbre.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Flattened windows of a set of songs, with labels and the song each window came from, for feeding
 * the graph in batches.
 */
public final class WindowBatch {

    private final int windowSize;
    private final List<float[]> windows = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final List<Integer> songIndex = new ArrayList<>();
    private final List<Song> songs;

    public WindowBatch(List<Song> songs, int windowSize) {
        this.songs = List.copyOf(songs);
        this.windowSize = windowSize;
        for (int s = 0; s < songs.size(); s++) {
            for (float[] w : songs.get(s).windows()) {
                if (w.length != windowSize) {
                    throw new IllegalArgumentException("window of " + songs.get(s).id() + " has " + w.length
                            + " floats, expected " + windowSize);
                }
                windows.add(w);
                labels.add(songs.get(s).genre());
                songIndex.add(s);
            }
        }
    }

    public int size() {
        return windows.size();
    }

    public List<Song> songs() {
        return songs;
    }

    public int label(int i) {
        return labels.get(i);
    }

    /** Index into {@link #songs()} of window {@code i}. */
    public int song(int i) {
        return songIndex.get(i);
    }

    /** A seeded permutation of the window indices (one per epoch). */
    public int[] shuffledOrder(Random random) {
        List<Integer> order = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Copies windows {@code order[from..to)} into {@code x} (row-major) and their labels into {@code y}. */
    public void fill(int[] order, int from, int to, float[] x, int[] y) {
        for (int i = from; i < to; i++) {
            int w = order[i];
            System.arraycopy(windows.get(w), 0, x, (i - from) * windowSize, windowSize);
            y[i - from] = labels.get(w);
        }
    }

    /** Per-coefficient mean and standard deviation over every frame of every window (for the baked-in normalisation). */
    public float[][] coefficientStatistics(int coefficients) {
        double[] sum = new double[coefficients];
        double[] sq = new double[coefficients];
        long frames = 0;
        for (float[] w : windows) {
            for (int i = 0; i < w.length; i++) {
                sum[i % coefficients] += w[i];
                sq[i % coefficients] += (double) w[i] * w[i];
            }
            frames += w.length / coefficients;
        }
        float[] mean = new float[coefficients];
        float[] std = new float[coefficients];
        for (int c = 0; c < coefficients; c++) {
            double m = sum[c] / frames;
            mean[c] = (float) m;
            std[c] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sq[c] / frames - m * m)));
        }
        return new float[][] {mean, std};
    }
}
