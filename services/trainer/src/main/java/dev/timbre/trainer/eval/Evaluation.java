package dev.timbre.trainer.eval;

import java.util.ArrayList;
import java.util.List;

import dev.timbre.trainer.train.Predictions;

/**
 * Held-out evaluation of one model: window-level accuracy (each 3 s window on its own) and song-level
 * accuracy (argmax of the song's mean window log-probability, as the service builds song profiles), both
 * also balanced (mean per-genre recall, the figure that counts on unbalanced parts).
 */
public record Evaluation(String model, ConfusionMatrix windows, ConfusionMatrix songs, double meanLoss) {

    /** Precision/recall of one genre at window and song level. */
    public record GenreMetrics(String genre, double windowPrecision, double windowRecall, int windowSupport,
                               double songPrecision, double songRecall, int songSupport) {
    }

    /** @param genres labels in output order; {@code null} names them by index (during training) */
    public static Evaluation of(String model, Predictions p, List<String> genres) {
        if (genres == null) {
            int classes = p.probabilities().length == 0 ? 0 : p.probabilities()[0].length;
            genres = java.util.stream.IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        }
        ConfusionMatrix w = new ConfusionMatrix(genres);
        for (int i = 0; i < p.probabilities().length; i++) {
            w.add(p.windows().label(i), Predictions.argMax(p.probabilities()[i]));
        }
        ConfusionMatrix s = new ConfusionMatrix(genres);
        float[][] songProbs = p.songProbabilities();
        for (int i = 0; i < songProbs.length; i++) {
            s.add(p.windows().songs().get(i).genre(), Predictions.argMax(songProbs[i]));
        }
        return new Evaluation(model, w, s, p.meanLoss());
    }

    public double windowAccuracy() {
        return windows.accuracy();
    }

    public double songAccuracy() {
        return songs.accuracy();
    }

    /** Mean per-genre recall over the genres present, at window level. */
    public double windowBalancedAccuracy() {
        return windows.balancedAccuracy();
    }

    /** Mean per-genre recall over the genres present, at song level. */
    public double songBalancedAccuracy() {
        return songs.balancedAccuracy();
    }

    public List<GenreMetrics> perGenre() {
        List<GenreMetrics> out = new ArrayList<>();
        for (int g = 0; g < windows.labels().size(); g++) {
            out.add(new GenreMetrics(windows.labels().get(g), windows.precision(g), windows.recall(g),
                    windows.support(g), songs.precision(g), songs.recall(g), songs.support(g)));
        }
        return out;
    }
}
