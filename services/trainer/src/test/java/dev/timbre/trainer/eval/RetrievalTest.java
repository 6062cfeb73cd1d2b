package dev.timbre.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.timbre.audio.features.WindowTensor;

class RetrievalTest {

    @Test
    void precisionAtKCountsSameGenreNeighboursByCosine() {
        // two tight clusters along different axes; the length of a vector does not matter, its direction does
        float[][] v = {{1, 0}, {5, 0.1f}, {2, 0.05f}, {0, 1}, {0.1f, 3}, {0.05f, 9}};
        int[] genre = {0, 0, 0, 1, 1, 1};
        assertEquals(1.0, Retrieval.precisionAt(v, genre, 2), 1e-12);
        // k = 4 reaches past each cluster's 2 peers: 2 of 4 right
        assertEquals(0.5, Retrieval.precisionAt(v, genre, 4), 1e-12);
        // k larger than the set: every other song counts
        assertEquals(2.0 / 5, Retrieval.precisionAt(v, genre, 10), 1e-12);
    }

    @Test
    void aMixedUpEmbeddingScoresLowAndTooFewSongsHaveNoFigure() {
        float[][] v = {{1, 0}, {0, 1}, {1, 0.01f}, {0.01f, 1}};
        int[] genre = {0, 0, 1, 1};   // each song's nearest neighbour is of the other genre
        assertEquals(0.0, Retrieval.precisionAt(v, genre, 1), 1e-12);
        assertTrue(Double.isNaN(Retrieval.precisionAt(new float[][] {{1}}, new int[] {0}, 10)));
    }

    @Test
    void meanMfccAveragesEveryFrameAndStandardisingCentresEachDimension() {
        float[] a = new float[WindowTensor.FRAMES * WindowTensor.N_MFCC];
        float[] b = new float[WindowTensor.FRAMES * WindowTensor.N_MFCC];
        for (int t = 0; t < WindowTensor.FRAMES; t++) {
            a[t * 13] = 2;
            b[t * 13] = 4;
            b[t * 13 + 12] = -1;
        }
        float[] mean = Retrieval.meanMfcc(List.of(new WindowTensor(0, 0, a, new float[0]), new WindowTensor(1, 3, b, new float[0])));
        assertEquals(3f, mean[0], 1e-6);
        assertEquals(-0.5f, mean[12], 1e-6);
        float[][] z = Retrieval.standardised(new float[][] {{1, 10}, {3, 10}});
        assertEquals(-1f, z[0][0], 1e-6);
        assertEquals(1f, z[1][0], 1e-6);
        assertEquals(0f, z[0][1], 1e-6, "a constant dimension becomes 0, not NaN");
    }
}
