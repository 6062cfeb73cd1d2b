package dev.timbre.trainer.train;

import dev.timbre.model.SongAggregation;
import dev.timbre.trainer.data.WindowBatch;
import dev.timbre.trainer.model.TrainingGraph;

/**
 * Inference-mode outputs for every window of a {@link WindowBatch} (in its order), with the mean loss.
 *
 * @param probabilities {@code [windows][classes]}
 * @param embeddings    {@code [windows][embeddingSize]}
 */
public record Predictions(WindowBatch windows, float[][] probabilities, float[][] embeddings, double meanLoss) {

    public static Predictions of(TrainingGraph graph, WindowBatch windows, int batchSize) {
        int classes = graph.architecture().classes();
        int dims = graph.architecture().embeddingSize();
        int per = windows.windowSize();
        int n = windows.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[][] probs = new float[n][classes];
        float[][] emb = new float[n][dims];
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
                System.arraycopy(p.embeddings(), i * dims, emb[from + i], 0, dims);
            }
            lossSum += (double) p.loss() * m;
        }
        return new Predictions(windows, probs, emb, lossSum / n);
    }

    public static int argMax(float[] p) {
        return SongAggregation.argMax(p);
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

    /**
     * Each song's genre distribution from its windows by {@link SongAggregation} (mean log-probability), as the
     * classification service builds song profiles; {@code [songs][classes]} in {@code windows.songs()} order.
     */
    public float[][] songProbabilities() {
        int songs = windows.songs().size();
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        double[][] sums = new double[songs][classes];
        int[] count = new int[songs];
        for (int i = 0; i < probabilities.length; i++) {
            int s = windows.song(i);
            count[s]++;
            for (int c = 0; c < classes; c++) {
                sums[s][c] += SongAggregation.logProbability(probabilities[i][c]);
            }
        }
        float[][] out = new float[songs][];
        for (int s = 0; s < songs; s++) {
            out[s] = SongAggregation.distribution(sums[s], count[s]);
        }
        return out;
    }

    /** Each song's mean window embedding (the service's profile embedding), {@code [songs][dims]}. */
    public float[][] songEmbeddings() {
        int songs = windows.songs().size();
        int dims = embeddings.length == 0 ? 0 : embeddings[0].length;
        float[][] sum = new float[songs][dims];
        int[] count = new int[songs];
        for (int i = 0; i < embeddings.length; i++) {
            int s = windows.song(i);
            count[s]++;
            for (int d = 0; d < dims; d++) {
                sum[s][d] += embeddings[i][d];
            }
        }
        for (int s = 0; s < songs; s++) {
            for (int d = 0; d < dims; d++) {
                sum[s][d] /= Math.max(1, count[s]);
            }
        }
        return sum;
    }
}
