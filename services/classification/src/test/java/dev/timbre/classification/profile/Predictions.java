package dev.timbre.classification.profile;

import dev.timbre.schema.classification.WindowPrediction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test predictions with chosen vectors. */
final class Predictions {

    static final List<String> GENRES = List.of("blues", "classical", "country", "disco", "hiphop", "jazz", "metal",
            "pop", "reggae", "rock");

    private Predictions() {
    }

    /** The probabilities {@link #of} puts in a window: {@code p} on {@code hot}, the rest spread evenly. */
    static double[] row(int hot, double p) {
        double[] r = new double[10];
        for (int g = 0; g < 10; g++) {
            r[g] = g == hot ? p : (1 - p) / 9;
        }
        return r;
    }

    /**
     * Expected profile share of {@code genre}, written out independently of the production code: the
     * normalised geometric mean of the windows' probabilities.
     */
    static double geometricShare(int genre, double[]... windows) {
        double[] g = new double[10];
        double total = 0;
        for (int k = 0; k < 10; k++) {
            double logSum = 0;
            for (double[] w : windows) {
                logSum += Math.log(w[k]);
            }
            g[k] = Math.exp(logSum / windows.length);
            total += g[k];
        }
        return g[genre] / total;
    }

    /** A prediction putting {@code p} on genre {@code hot} (the rest spread evenly), embedding filled with {@code e}. */
    static WindowPrediction of(String songId, int index, int count, int hot, float p, float e, long predictedAt) {
        List<Float> probs = new ArrayList<>();
        for (int g = 0; g < 10; g++) {
            probs.add(g == hot ? p : (1 - p) / 9);
        }
        List<Float> emb = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            emb.add(e + i);
        }
        return WindowPrediction.newBuilder()
                .setSongId(songId)
                .setWindowIndex(index)
                .setWindowCount(count)
                .setGenres(GENRES)
                .setProbabilities(probs)
                .setEmbedding(emb)
                .setModelVersion("genre-cnn-test")
                .setPredictedAt(Instant.ofEpochMilli(predictedAt))
                .build();
    }
}
