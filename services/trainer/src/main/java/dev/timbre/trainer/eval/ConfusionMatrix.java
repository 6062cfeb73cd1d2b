package dev.timbre.trainer.eval;

import java.util.List;

/** Counts of (true genre, predicted genre) pairs, with per-genre precision and recall. */
public final class ConfusionMatrix {

    private final List<String> labels;
    private final int[][] counts;

    public ConfusionMatrix(List<String> labels) {
        this.labels = List.copyOf(labels);
        this.counts = new int[labels.size()][labels.size()];
    }

    public void add(int actual, int predicted) {
        counts[actual][predicted]++;
    }

    public List<String> labels() {
        return labels;
    }

    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public int total() {
        int t = 0;
        for (int[] row : counts) {
            for (int c : row) {
                t += c;
            }
        }
        return t;
    }

    public double accuracy() {
        int diag = 0;
        for (int i = 0; i < counts.length; i++) {
            diag += counts[i][i];
        }
        return total() == 0 ? 0 : (double) diag / total();
    }

    /** Of the items predicted as {@code genre}, the share that truly are (NaN when none was predicted). */
    public double precision(int genre) {
        int predicted = 0;
        for (int[] row : counts) {
            predicted += row[genre];
        }
        return predicted == 0 ? Double.NaN : (double) counts[genre][genre] / predicted;
    }

    /** Of the items that truly are {@code genre}, the share predicted as such (NaN when there are none). */
    public double recall(int genre) {
        int actual = 0;
        for (int c : counts[genre]) {
            actual += c;
        }
        return actual == 0 ? Double.NaN : (double) counts[genre][genre] / actual;
    }

    /** Mean recall over the genres with at least one item (0 when there are none). */
    public double balancedAccuracy() {
        double sum = 0;
        int present = 0;
        for (int g = 0; g < counts.length; g++) {
            if (support(g) > 0) {
                sum += recall(g);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }

    public int support(int genre) {
        int actual = 0;
        for (int c : counts[genre]) {
            actual += c;
        }
        return actual;
    }
}
