package dev.timbre.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.features.WindowTensor;
import dev.timbre.audio.synth.SyntheticGenres;

/** The model committed for the classification service loads under DJL and matches its model.json. */
class ShippedModelTest {

    static Path shippedModel() {
        String p = System.getProperty("timbre.shipped.model");
        return p != null ? Path.of(p) : Path.of("../classification/src/main/resources/model/genre-cnn");
    }

    @Test
    @SuppressWarnings("unchecked")
    void modelJsonDescribesTheSavedModel() throws Exception {
        Path dir = shippedModel();
        assertTrue(Files.exists(dir.resolve("saved_model.pb")), "no shipped model at " + dir.toAbsolutePath());
        long bytes;
        try (var files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertTrue(bytes < 1_000_000, "shipped model is " + bytes + " bytes");

        Map<String, Object> card = ModelCard.read(dir);
        assertEquals(SyntheticGenres.GENRES, card.get("genres"));
        assertEquals(AudioAnalyzer.EXTRACTOR_VERSION, card.get("extractorVersion"));
        assertEquals("serving_default", card.get("signature"));
        assertTrue(((String) card.get("modelVersion")).matches("cnn-[a-z]+-\\d{8}-[0-9a-f]{8}"), (String) card.get("modelVersion"));
        assertTrue(((String) card.get("modelVersion")).endsWith(ModelCard.weightsHash(dir).substring(0, 8)),
                "modelVersion must name these weights");
        Map<String, Object> input = ((List<Map<String, Object>>) card.get("inputs")).get(0);
        assertEquals("mfcc", input.get("name"));
        assertEquals(List.of(-1, 130, 13, 1), input.get("shape"));
        List<Map<String, Object>> outputs = (List<Map<String, Object>>) card.get("outputs");
        assertEquals("probabilities", outputs.get(0).get("name"));
        assertEquals(List.of(-1, 10), outputs.get(0).get("shape"));
        assertEquals("embedding", outputs.get(1).get("name"));
        assertEquals(List.of(-1, 64), outputs.get(1).get("shape"));
        Map<String, Object> heldOut = (Map<String, Object>) card.get("heldOutAccuracy");
        assertTrue(((Number) heldOut.get("song")).doubleValue() > 0.5, "recorded held-out accuracy " + heldOut);
    }

    @Test
    void classifiesFreshSyntheticSongsUnderDjl() {
        AudioAnalyzer analyzer = AudioAnalyzer.defaults();
        int correct = 0;
        for (int g = 0; g < SyntheticGenres.GENRES.size(); g++) {
            // seeds far away from any used for training
            float[] audio = SyntheticGenres.render(SyntheticGenres.GENRES.get(g), 987_654_321L + g, 6.5);
            List<WindowTensor> windows = analyzer.analyze(audio, SyntheticGenres.SAMPLE_RATE);
            int n = windows.size();
            float[] x = new float[n * 130 * 13];
            for (int i = 0; i < n; i++) {
                System.arraycopy(windows.get(i).mfcc(), 0, x, i * 130 * 13, 130 * 13);
            }
            DjlModelCheck.Outputs out = DjlModelCheck.run(shippedModel(), x, n, 130, 13);
            assertEquals(n * 10, out.probabilities().length);
            assertEquals(n * 64, out.embeddings().length);
            float[] mean = new float[10];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int c = 0; c < 10; c++) {
                    mean[c] += out.probabilities()[i * 10 + c] / n;
                    sum += out.probabilities()[i * 10 + c];
                }
                assertEquals(1.0, sum, 1e-4);
            }
            for (float e : out.embeddings()) {
                assertTrue(e >= 0, "embedding is a ReLU activation");
            }
            if (dev.timbre.trainer.train.Predictions.argMax(mean) == g) {
                correct++;
            }
        }
        assertTrue(correct >= 6, correct + "/10 fresh synthetic songs classified correctly (chance 1/10)");
    }
}
