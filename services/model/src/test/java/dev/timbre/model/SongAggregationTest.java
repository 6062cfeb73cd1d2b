package dev.timbre.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SongAggregationTest {

    @Test
    void theSongIsTheNormalisedGeometricMeanOfItsWindows() {
        float[][] windows = {{0.9f, 0.1f}, {0.2f, 0.8f}, {0.6f, 0.4f}};
        float[] song = SongAggregation.ofWindows(windows);
        double a = Math.cbrt(0.9 * 0.2 * 0.6);
        double b = Math.cbrt(0.1 * 0.8 * 0.4);
        assertEquals(a / (a + b), song[0], 1e-6);
        assertEquals(b / (a + b), song[1], 1e-6);
    }

    @Test
    void aGenreThatAWindowFirmlyRulesOutLosesToOneEveryWindowFindsPlausible() {
        float[][] windows = {{0.6f, 0.39f, 0.01f}, {0.6f, 0.39f, 0.01f}, {0.6f, 0.39f, 0.01f}, {0.6f, 0.39f, 0.01f},
                {0.001f, 0.5f, 0.499f}};
        double arithmetic0 = (0.6 * 4 + 0.001) / 5;
        double arithmetic1 = (0.39 * 4 + 0.5) / 5;
        assertEquals(true, arithmetic0 > arithmetic1, "an arithmetic mean would pick genre 0");
        assertEquals(1, SongAggregation.argMax(SongAggregation.ofWindows(windows)));
    }

    @Test
    void aHardZeroIsFlooredAndNoWindowsGiveNoDistribution() {
        float[] song = SongAggregation.ofWindows(new float[][] {{1f, 0f}, {0.5f, 0.5f}});
        assertEquals(1f, song[0] + song[1], 1e-6);
        assertEquals(true, song[1] > 0, "one window's 0 does not veto a genre for ever");
        assertArrayEquals(new float[3], SongAggregation.distribution(new double[3], 0));
        assertEquals(SongAggregation.logProbability(0), Math.log(SongAggregation.PROBABILITY_FLOOR), 1e-12);
    }

    @Test
    void sumsAccumulatedWindowByWindowGiveTheSameAsAllAtOnce() {
        float[][] windows = {{0.5f, 0.3f, 0.2f}, {0.1f, 0.1f, 0.8f}};
        double[] sums = new double[3];
        for (float[] w : windows) {
            for (int g = 0; g < 3; g++) {
                sums[g] += SongAggregation.logProbability(w[g]);
            }
        }
        assertArrayEquals(SongAggregation.ofWindows(windows), SongAggregation.distribution(sums, 2), 1e-7f);
    }
}
