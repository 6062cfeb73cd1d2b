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
