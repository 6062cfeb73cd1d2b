package dev.timbre.audio.synth;

import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.features.WindowTensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticGenresTest {

    @Test
    void tenGtzanGenresInClassifierOrder() {
        assertEquals(List.of("blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"),
                SyntheticGenres.GENRES);
    }

    @Test
    void deterministicPerSeedAndDifferentAcrossSeeds() {
        for (String g : SyntheticGenres.GENRES) {
            float[] a = SyntheticGenres.render(g, 7, 4.0);
            float[] b = SyntheticGenres.render(g, 7, 4.0);
            float[] c = SyntheticGenres.render(g, 8, 4.0);
            assertEquals(4 * 22050, a.length);
            assertArrayEquals(a, b, g);
            assertFalse(java.util.Arrays.equals(a, c), g + " seeds 7 and 8 must differ");
            double peak = 0;
            for (float v : a) {
                assertTrue(Float.isFinite(v));
                peak = Math.max(peak, Math.abs(v));
            }
            assertTrue(peak >= 0.49 && peak <= 0.91, g + " peak " + peak);
        }
    }

    @Test
    void veryShortRendersWork() {
        for (String g : SyntheticGenres.GENRES) {
            assertEquals(2205, SyntheticGenres.render(g, 3, 0.1).length);
        }
    }

    @Test
    void rejectsUnknownGenre() {
        assertThrows(IllegalArgumentException.class, () -> SyntheticGenres.render("polka", 1, 3));
    }

    /**
     * The genres must be learnable from MFCCs: even a nearest-centroid classifier on per-window MFCC
     * mean/std, trained on some seeds, must recognise windows of unseen seeds far above chance (10 %).
     */
    @Test
    void genresAreSeparableOnMfccStatisticsForUnseenSeeds() {
        int genres = SyntheticGenres.GENRES.size();
        int trainSongs = 4;
        int testSongs = 3;
        double seconds = 9;
        int dims = 2 * WindowTensor.N_MFCC;
        double[][] centroid = new double[genres][dims];
        long start = System.nanoTime();
        for (int g = 0; g < genres; g++) {
            int n = 0;
            for (int s = 0; s < trainSongs; s++) {
                for (WindowTensor w : analyze(g, s, seconds)) {
                    double[] f = stats(w);
                    for (int d = 0; d < dims; d++) {
                        centroid[g][d] += f[d];
                    }
                    n++;
                }
            }
            for (int d = 0; d < dims; d++) {
                centroid[g][d] /= n;
            }
        }
        int correct = 0;
        int total = 0;
        for (int g = 0; g < genres; g++) {
            for (int s = 0; s < testSongs; s++) {
                for (WindowTensor w : analyze(g, 1000 + s, seconds)) {
                    double[] f = stats(w);
                    int best = -1;
                    double bestDist = Double.MAX_VALUE;
                    for (int c = 0; c < genres; c++) {
                        double dist = 0;
                        for (int d = 0; d < dims; d++) {
                            double diff = (f[d] - centroid[c][d]) / (d < WindowTensor.N_MFCC ? 1 : 0.5);
                            dist += diff * diff;
                        }
                        if (dist < bestDist) {
                            bestDist = dist;
                            best = c;
                        }
                    }
                    correct += best == g ? 1 : 0;
                    total++;
                }
            }
        }
        double acc = (double) correct / total;
        System.out.printf("synthetic genres: nearest-centroid accuracy on unseen seeds %.2f (%d windows, %.1f s)%n",
                acc, total, (System.nanoTime() - start) / 1e9);
        assertTrue(acc >= 0.7, "accuracy " + acc);
    }

    private static List<WindowTensor> analyze(int genre, long seed, double seconds) {
        return AudioAnalyzer.defaults().analyze(SyntheticGenres.render(SyntheticGenres.GENRES.get(genre), seed, seconds), 22050);
    }

    private static double[] stats(WindowTensor w) {
        int c = WindowTensor.N_MFCC;
        double[] f = new double[2 * c];
        for (int k = 0; k < c; k++) {
            double sum = 0;
            double sq = 0;
            for (int t = 0; t < WindowTensor.FRAMES; t++) {
                double v = w.mfcc(t, k);
                sum += v;
                sq += v * v;
            }
            double mean = sum / WindowTensor.FRAMES;
            f[k] = mean;
            f[c + k] = Math.sqrt(Math.max(0, sq / WindowTensor.FRAMES - mean * mean));
        }
        return f;
    }
}
