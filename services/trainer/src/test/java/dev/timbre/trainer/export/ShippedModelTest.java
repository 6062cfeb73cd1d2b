package dev.timbre.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/**
 * The model committed for the classification service (trained on real recordings) loads under DJL and matches
 * its model.json; the synthetic-trained fixture model (classification's test resources) still hears the
 * synthesiser's genres.
 */
class ShippedModelTest {

    static Path shippedModel() {
        String p = System.getProperty("timbre.shipped.model");
        return p != null ? Path.of(p) : Path.of("../classification/src/main/resources/model/genre-cnn");
    }

    static Path syntheticModel() {
        String p = System.getProperty("timbre.synthetic.model");
        return p != null ? Path.of(p) : Path.of("../classification/src/test/resources/model/synthetic-genre-cnn");
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
        assertTrue(bytes < 5_000_000, "shipped model is " + bytes + " bytes (limit 5 MB)");

        Map<String, Object> card = ModelCard.read(dir);
        List<String> genres = (List<String>) card.get("genres");
        assertTrue(genres.size() >= 2, genres.toString());
        assertEquals(genres.stream().sorted().distinct().toList(), genres, "genres are the data's folder names, sorted");
        assertEquals(AudioAnalyzer.EXTRACTOR_VERSION, card.get("extractorVersion"));
        assertEquals("serving_default", card.get("signature"));
        assertTrue(((String) card.get("modelVersion")).matches("cnn-[a-z]+-\\d{8}-[0-9a-f]{8}"), (String) card.get("modelVersion"));
        assertTrue(((String) card.get("modelVersion")).endsWith(ModelCard.weightsHash(dir).substring(0, 8)),
                "modelVersion must name these weights");
        Map<String, Object> input = ((List<Map<String, Object>>) card.get("inputs")).get(0);
        assertEquals("logmel", input.get("name"));
        assertEquals(List.of(-1, 130, 128, 1), input.get("shape"));
        int dims = ((Number) card.get("embeddingSize")).intValue();
        assertTrue(dims >= 64, "embedding of " + dims);
        List<Map<String, Object>> outputs = (List<Map<String, Object>>) card.get("outputs");
        assertEquals("probabilities", outputs.get(0).get("name"));
        assertEquals(List.of(-1, genres.size()), outputs.get(0).get("shape"));
        assertEquals("embedding", outputs.get(1).get("name"));
        assertEquals(List.of(-1, dims), outputs.get(1).get("shape"));
        Map<String, Object> training = (Map<String, Object>) card.get("training");
        assertTrue(String.valueOf(training.get("data")).contains("gtzan"), "trained on the real GTZAN parts: " + training);
        assertTrue(String.valueOf(training.get("split")).contains("folders"), "split by the data's own folders");
        Map<String, Object> valid = (Map<String, Object>) ((Map<String, Object>) card.get("evaluation")).get("valid");
        assertTrue(((Number) valid.get("songs")).intValue() > 0, "figures on valid/: " + valid);
        for (String figure : List.of("songAccuracy", "songBalancedAccuracy", "retrievalP10", "baselineRetrievalP10")) {
            assertTrue(((Number) valid.get(figure)).doubleValue() > 0, figure + " recorded: " + valid);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsUnderDjlWithDistributionsAndReluEmbeddings() throws Exception {
        Path dir = shippedModel();
        int classes = ((List<String>) ModelCard.read(dir).get("genres")).size();
        float[] audio = SyntheticGenres.render("rock", 123_456_789L, 6.5);
        List<WindowTensor> windows = AudioAnalyzer.defaults().analyze(audio, SyntheticGenres.SAMPLE_RATE);
        int n = windows.size();
        float[] x = new float[n * 130 * 128];
        for (int i = 0; i < n; i++) {
            System.arraycopy(windows.get(i).logMel(), 0, x, i * 130 * 128, 130 * 128);
        }
        DjlModelCheck.Outputs out = DjlModelCheck.run(dir, x, n, 130, 128, "logmel");
        assertEquals(n * classes, out.probabilities().length);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += out.probabilities()[i * classes + c];
            }
            assertEquals(1.0, sum, 1e-4);
        }
        for (float e : out.embeddings()) {
            assertTrue(e >= 0, "embedding is a ReLU activation");
        }
        assertArrayEquals(out.probabilities(), DjlModelCheck.run(dir, x, n, 130, 128, "logmel").probabilities(), 0f,
                "inference is deterministic");
    }

    @Test
    void theSyntheticFixtureModelClassifiesFreshSyntheticSongsUnderDjl() {
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
            DjlModelCheck.Outputs out = DjlModelCheck.run(syntheticModel(), x, n, 130, 13, "mfcc");
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
            if (dev.timbre.trainer.train.Predictions.argMax(mean) == g) {
                correct++;
            }
        }
        assertTrue(correct >= 6, correct + "/10 fresh synthetic songs classified correctly (chance 1/10)");
    }
}
