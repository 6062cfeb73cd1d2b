package dev.timbre.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.timbre.trainer.model.AdamSettings;
import dev.timbre.trainer.model.Architecture;
import dev.timbre.trainer.model.ParameterValues;
import dev.timbre.trainer.model.TrainingGraph;

/** Export → load with DJL TensorFlow → same outputs as the training graph's inference path. */
class ExportRoundTripTest {

    private static final Architecture A = Architecture.reference();
    private static final int PER = A.frames() * A.bins();

    /** MFCC-like input: large offsets per coefficient (as raw MFCC c0 is), so the baked-in normalisation matters. */
    private static float[] windows(int n, long seed, int[] labels) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * PER];
        for (int i = 0; i < n; i++) {
            labels[i] = i % A.classes();
            for (int j = 0; j < PER; j++) {
                int c = j % A.bins();
                x[i * PER + j] = (float) (r.nextGaussian() * 10 - 200 * (c == 0 ? 1 : 0) + (c == labels[i] ? 15 : 0));
            }
        }
        return x;
    }

    private static ParameterValues initial(long seed) {
        float[] mean = new float[A.bins()];
        float[] std = new float[A.bins()];
        Arrays.fill(std, 10f);
        mean[0] = -200f;
        return ParameterValues.initial(A, seed, mean, std);
    }

    @Test
    void djlReproducesTheTrainingGraphsInference(@TempDir Path dir) {
        int n = 40;
        int[] y = new int[n];
        float[] x = windows(n, 1, y);
        try (TrainingGraph g = new TrainingGraph(initial(3), AdamSettings.withLearningRate(1e-3f), 3, 1)) {
            for (int i = 0; i < 30; i++) {
                g.step(x, y, n);   // moves weights and batch-norm moving statistics away from their init
            }
            Path model = dir.resolve("genre-cnn");
            SavedModelWriter.write(g.snapshot(), model);
            writeCard(model, A);
            assertTrue(Files.exists(model.resolve("saved_model.pb")));
            assertTrue(Files.exists(model.resolve("variables/variables.index")));

            int[] unused = new int[16];
            float[] fresh = windows(16, 99, unused);
            TrainingGraph.Prediction expected = g.predict(fresh, null, 16);
            DjlModelCheck.Outputs actual = DjlModelCheck.run(model, fresh, 16, A.frames(), A.bins(), A.input().tensorName());
            assertEquals(16 * 10, actual.probabilities().length);
            assertEquals(16 * 64, actual.embeddings().length);
            for (int i = 0; i < expected.probabilities().length; i++) {
                assertEquals(expected.probabilities()[i], actual.probabilities()[i], 1e-5, "probability " + i);
            }
            for (int i = 0; i < expected.embeddings().length; i++) {
                assertEquals(expected.embeddings()[i], actual.embeddings()[i], 1e-5, "embedding " + i);
            }
            for (int i = 0; i < 16; i++) {
                double sum = 0;
                for (int c = 0; c < 10; c++) {
                    sum += actual.probabilities()[i * 10 + c];
                }
                assertEquals(1.0, sum, 1e-5);
            }
            // the graph was trained on this pattern: it must have learned something beyond chance
            TrainingGraph.Prediction trained = g.predict(x, y, n);
            assertTrue(trained.loss() < Math.log(10), "loss " + trained.loss());
        }
    }

    @Test
    void trainingIsDeterministicForASeed() {
        int n = 20;
        int[] y = new int[n];
        float[] x = windows(n, 2, y);
        float[][] runs = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (TrainingGraph g = new TrainingGraph(initial(11), AdamSettings.withLearningRate(1e-3f), 11, 1)) {
                for (int i = 0; i < 5; i++) {
                    g.step(x, y, n);   // includes seeded dropout masks
                }
                runs[run] = g.snapshot().get("dense/kernel");
            }
        }
        assertArrayEquals(runs[0], runs[1]);
    }

    static void writeCard(Path model, Architecture a) {
        List<String> genres = java.util.stream.IntStream.range(0, a.classes()).mapToObj(i -> "g" + i).toList();
        try {
            ModelCard.write(model, ModelCard.build(a, genres, "test-1", "librosa-compat-1", Map.of(), Map.of()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theShortChunkExportFoldsBatchNormAndStillMatchesTheTrainingGraph(@TempDir Path dir) {
        Architecture a = Architecture.shortChunk().withFilters(new int[] {8, 16, 16}).withClasses(4);
        int per = a.frames() * a.bins();
        SplittableRandom r = new SplittableRandom(5);
        int n = 24;
        float[] x = new float[n * per];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4;
            for (int j = 0; j < per; j++) {
                x[i * per + j] = (float) (r.nextGaussian() * 12 - 40 + ((j % a.bins()) / 32 == y[i] ? 20 : 0));
            }
        }
        float[] std = new float[a.bins()];
        Arrays.fill(std, 12f);
        float[] mean = new float[a.bins()];
        Arrays.fill(mean, -40f);
        try (TrainingGraph g = new TrainingGraph(ParameterValues.initial(a, 4, mean, std), AdamSettings.withLearningRate(3e-3f), 4, 1)) {
            for (int i = 0; i < 40; i++) {
                g.step(x, y, n);   // moves the batch-norm statistics far from the identity
            }
            ParameterValues folded = g.snapshot().foldedBatchNorm();
            assertEquals(1f, folded.get("block1/bn/gamma")[0]);
            assertTrue(!Arrays.equals(folded.get("block1/conv/kernel"), g.snapshot().get("block1/conv/kernel")),
                    "the scale went into the kernel");
            Path model = dir.resolve("genre-cnn");
            SavedModelWriter.write(g.snapshot(), model);
            writeCard(model, a);
            TrainingGraph.Prediction expected = g.predict(x, null, n);
            DjlModelCheck.Outputs actual = DjlModelCheck.run(model, x, n, a.frames(), a.bins(), "logmel");
            for (int i = 0; i < expected.probabilities().length; i++) {
                assertEquals(expected.probabilities()[i], actual.probabilities()[i], 1e-5, "probability " + i);
            }
            for (int i = 0; i < expected.embeddings().length; i++) {
                assertEquals(expected.embeddings()[i], actual.embeddings()[i], 1e-4 * Math.max(1, Math.abs(expected.embeddings()[i])),
                        "embedding " + i);
            }
        }
    }
}
