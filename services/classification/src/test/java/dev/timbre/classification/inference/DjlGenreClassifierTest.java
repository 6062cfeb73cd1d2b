package dev.timbre.classification.inference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The real engine (DJL + TensorFlow natives from the jar) on a SavedModel with the production signature. */
class DjlGenreClassifierTest {

    @TempDir
    static Path dir;
    static TinyGenreModel tiny = new TinyGenreModel(7);
    static DjlGenreClassifier classifier;

    @BeforeAll
    static void load() throws Exception {
        tiny.writeTo(dir);
        classifier = DjlGenreClassifier.load(dir, ComputeDevice.CPU, Path.of(System.getProperty("user.home"), ".djl.ai"));
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    static float[] window(long seed) {
        Random r = new Random(seed);
        float[] w = new float[130 * 13];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * 20);
        }
        return w;
    }

    @Test
    void batchedOutputMatchesThePlainJavaForwardPassRowByRow() {
        List<float[]> windows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            windows.add(window(i));
        }
        BatchOutput out = classifier.classify(windows);
        assertEquals(5, out.size());
        for (int i = 0; i < 5; i++) {
            float[][] expected = tiny.reference(windows.get(i));
            assertArrayEquals(expected[0], out.probabilities()[i], 1e-4f, "probabilities of window " + i);
            assertArrayEquals(expected[1], out.embeddings()[i], 1e-2f, "embedding of window " + i);
            float sum = 0;
            for (float p : out.probabilities()[i]) {
                sum += p;
            }
            assertEquals(1f, sum, 1e-5);
        }
    }

    @Test
    void aWindowGetsTheSameAnswerAloneAndInABatch() {
        float[] w = window(42);
        BatchOutput alone = classifier.classify(List.of(w));
        BatchOutput batched = classifier.classify(List.of(window(1), w, window(2)));
        assertArrayEquals(alone.probabilities()[0], batched.probabilities()[1], 1e-6f);
        assertArrayEquals(alone.embeddings()[0], batched.embeddings()[1], 1e-4f);
    }

    @Test
    void readsTheDescriptor() {
        assertEquals(TinyGenreModel.VERSION, classifier.descriptor().modelVersion());
        assertEquals("jazz", classifier.descriptor().genres().get(5));
        assertEquals(List.of(130, 13, 1), classifier.descriptor().inputShape());
    }

    @Test
    void refusesAWindowOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> classifier.classify(List.of(new float[10])));
    }
}
