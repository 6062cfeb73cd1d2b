package dev.timbre.trainer.train;

import dev.timbre.trainer.data.WindowBatch;
import dev.timbre.trainer.model.TrainingGraph;

/**
 * Inference-mode outputs for every window of a {@link WindowBatch} (in its order), with the mean loss.
 *
 * @param probabilities {@code [windows][classes]}
 */
public record Predictions(WindowBatch windows, float[][] probabilities, double meanLoss) {

    public static Predictions of(TrainingGraph graph, WindowBatch windows, int batchSize) {
        int classes = graph.architecture().classes();
        int per = graph.architecture().frames() * graph.architecture().coefficients();
        int n = windows.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[][] probs = new float[n][classes];
        float[] x = new float[batchSize * per];
        int[] y = new int[batchSize];
        double lossSum = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int m = to - from;
            windows.fill(order, from, to, x, y);
            TrainingGraph.Prediction p = graph.predict(x, java.util.Arrays.copyOf(y, m), m);
            for (int i = 0; i < m; i++) {
                System.arraycopy(p.probabilities(), i * classes, probs[from + i], 0, classes);
            }
            lossSum += (double) p.loss() * m;
        }
        return new Predictions(windows, probs, lossSum / n);
    }

    public static int argMax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    public double windowAccuracy() {
        int correct = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (argMax(probabilities[i]) == windows.label(i)) {
                correct++;
            }
        }
        return (double) correct / probabilities.length;
    }

    /** Mean of each song's window probabilities, {@code [songs][classes]} in {@code windows.songs()} order. */
    public float[][] songProbabilities() {
        int songs = windows.songs().size();
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        float[][] sum = new float[songs][classes];
        int[] count = new int[songs];
        for (int i = 0; i < probabilities.length; i++) {
            int s = windows.song(i);
            count[s]++;
            for (int c = 0; c < classes; c++) {
                sum[s][c] += probabilities[i][c];
            }
        }
        for (int s = 0; s < songs; s++) {
            for (int c = 0; c < classes; c++) {
                sum[s][c] /= Math.max(1, count[s]);
            }
        }
        return sum;
    }
}
