package dev.timbre.trainer.eval;

import java.util.Arrays;
import java.util.List;

import dev.timbre.audio.features.WindowTensor;
import dev.timbre.trainer.data.Song;

/**
 * Retrieval precision@k of song vectors: for each song, the share of its {@code k} nearest other songs (by
 * cosine similarity) that have its genre, averaged over songs. It measures what "more like this" and the
 * recommender's similarity ranking get from an embedding, independently of the classifier head.
 */
public final class Retrieval {

    /** The k of the reported retrieval precision@k. */
    public static final int NEIGHBOURS = 10;

    private Retrieval() {
    }

    /**
     * The baseline next to every embedding figure: precision@{@link #NEIGHBOURS} of the songs' standardised
     * mean-MFCC vectors over their service windows.
     */
    public static double meanMfccBaseline(List<Song> songs) {
        float[][] vectors = new float[songs.size()][];
        for (int i = 0; i < songs.size(); i++) {
            vectors[i] = meanMfcc(songs.get(i).evaluationWindows());
        }
        return precisionAt(standardised(vectors), songs.stream().mapToInt(Song::genre).toArray(), NEIGHBOURS);
    }

    /**
     * @param vectors one vector per song
     * @param labels  each song's genre
     * @param k       neighbours per song (fewer when the set is smaller)
     */
    public static double precisionAt(float[][] vectors, int[] labels, int k) {
        int n = vectors.length;
        if (n < 2) {
            return Double.NaN;
        }
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (float v : vectors[i]) {
                s += (double) v * v;
            }
            norms[i] = Math.sqrt(s);
        }
        double total = 0;
        Integer[] order = new Integer[n - 1];
        double[] sim = new double[n];
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double dot = 0;
                for (int d = 0; d < vectors[i].length; d++) {
                    dot += (double) vectors[i][d] * vectors[j][d];
                }
                double denominator = norms[i] * norms[j];
                sim[j] = denominator == 0 ? -1 : dot / denominator;
                order[m++] = j;
            }
            // ties broken by index, so the figure does not depend on sort stability
            Arrays.sort(order, (a, b) -> sim[a] != sim[b] ? Double.compare(sim[b], sim[a]) : Integer.compare(a, b));
            int kk = Math.min(k, n - 1);
            int hits = 0;
            for (int r = 0; r < kk; r++) {
                if (labels[order[r]] == labels[i]) {
                    hits++;
                }
            }
            total += (double) hits / kk;
        }
        return total / n;
    }

    /**
     * The baseline vector of a song: its mean MFCC (13 values over every frame of its windows). Callers
     * standardise the set with {@link #standardised} first, or c0 (loudness) dominates the cosine.
     */
    public static float[] meanMfcc(List<WindowTensor> windows) {
        float[] mean = new float[WindowTensor.N_MFCC];
        long frames = 0;
        for (WindowTensor w : windows) {
            float[] m = w.mfcc();
            for (int i = 0; i < m.length; i++) {
                mean[i % WindowTensor.N_MFCC] += m[i];
            }
            frames += m.length / WindowTensor.N_MFCC;
        }
        for (int c = 0; c < mean.length; c++) {
            mean[c] /= Math.max(1, frames);
        }
        return mean;
    }

    /** Each dimension z-scored over the set (mean 0, standard deviation 1). */
    public static float[][] standardised(float[][] vectors) {
        if (vectors.length == 0) {
            return vectors;
        }
        int d = vectors[0].length;
        float[][] out = new float[vectors.length][d];
        for (int j = 0; j < d; j++) {
            double sum = 0;
            double sq = 0;
            for (float[] v : vectors) {
                sum += v[j];
                sq += (double) v[j] * v[j];
            }
            double mean = sum / vectors.length;
            double std = Math.sqrt(Math.max(1e-12, sq / vectors.length - mean * mean));
            for (int i = 0; i < vectors.length; i++) {
                out[i][j] = (float) ((vectors[i][j] - mean) / std);
            }
        }
        return out;
    }
}
