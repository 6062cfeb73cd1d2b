package dev.timbre.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import dev.timbre.audio.features.WindowTensor;
import dev.timbre.trainer.model.InputFeature;

/**
 * Flattened windows of one input feature for a set of songs, with labels and the song each window came
 * from, for feeding the graph in batches.
 */
public final class WindowBatch {

    private final int windowSize;
    private final List<float[]> windows = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final List<Integer> songIndex = new ArrayList<>();
    private final List<Song> songs;
    /** genre → songs → their window indices, for class-balanced sampling. */
    private final TreeMap<Integer, List<int[]>> byGenre = new TreeMap<>();

    /**
     * @param evaluationOnly take only each song's {@link Song#evaluationWindows()} (validation, test), or every
     *                       (possibly overlapping) window (training)
     */
    public WindowBatch(List<Song> songs, InputFeature feature, boolean evaluationOnly) {
        this.songs = List.copyOf(songs);
        this.windowSize = feature.bins() * dev.timbre.audio.features.WindowTensor.FRAMES;
        for (int s = 0; s < songs.size(); s++) {
            Song song = songs.get(s);
            List<WindowTensor> ws = evaluationOnly ? song.evaluationWindows() : song.windows();
            int[] indices = new int[ws.size()];
            for (int k = 0; k < ws.size(); k++) {
                float[] w = feature.of(ws.get(k));
                if (w.length != windowSize) {
                    throw new IllegalArgumentException("window of " + song.id() + " has " + w.length
                            + " floats, expected " + windowSize);
                }
                indices[k] = windows.size();
                windows.add(w);
                labels.add(song.genre());
                songIndex.add(s);
            }
            byGenre.computeIfAbsent(song.genre(), g -> new ArrayList<>()).add(indices);
        }
    }

    public int size() {
        return windows.size();
    }

    public int windowSize() {
        return windowSize;
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

    /** The raw values of window {@code i} (not a copy). */
    public float[] window(int i) {
        return windows.get(i);
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

    /**
     * {@code count} window indices drawn class-balanced: a genre uniformly, then one of its songs uniformly,
     * then one of that song's windows. Small genres are seen as often as large ones, and a song with many
     * windows does not dominate its genre.
     */
    public int[] balancedOrder(Random random, int count) {
        List<List<int[]>> genres = new ArrayList<>(byGenre.values());
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            List<int[]> genreSongs = genres.get(random.nextInt(genres.size()));
            int[] song = genreSongs.get(random.nextInt(genreSongs.size()));
            order[i] = song[random.nextInt(song.length)];
        }
        return order;
    }

    /** Copies windows {@code order[from..to)} into {@code x} (row-major) and their labels into {@code y}. */
    public void fill(int[] order, int from, int to, float[] x, int[] y) {
        for (int i = from; i < to; i++) {
            int w = order[i];
            System.arraycopy(windows.get(w), 0, x, (i - from) * windowSize, windowSize);
            y[i - from] = labels.get(w);
        }
    }

    /** Per-bin mean and standard deviation over every frame of every window (for the baked-in normalisation). */
    public float[][] binStatistics(int bins) {
        double[] sum = new double[bins];
        double[] sq = new double[bins];
        long frames = 0;
        for (float[] w : windows) {
            for (int i = 0; i < w.length; i++) {
                sum[i % bins] += w[i];
                sq[i % bins] += (double) w[i] * w[i];
            }
            frames += w.length / bins;
        }
        float[] mean = new float[bins];
        float[] std = new float[bins];
        for (int c = 0; c < bins; c++) {
            double m = sum[c] / frames;
            mean[c] = (float) m;
            std[c] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sq[c] / frames - m * m)));
        }
        return new float[][] {mean, std};
    }
}
