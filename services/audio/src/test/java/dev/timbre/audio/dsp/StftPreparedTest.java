package dev.timbre.audio.dsp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * {@link Stft#preparedPowerFrame} (frames packed from the de-interleaved copy) gives exactly
 * {@link Stft#powerFrame}'s values, for even and odd frame starts, odd range lengths, ranges that run past
 * the array (zeros) and the generic (n != 2048) FFT path.
 */
class StftPreparedTest {

    @ParameterizedTest
    @CsvSource({
            "2048, 512, 10000, 0, 10000",
            "2048, 512, 70001, 1234, 67384",   // a window inside a song, odd start
            "2048, 511, 20000, 3, 19999",      // odd hop: odd frame starts
            "2048, 512, 9000, 2000, 12000",    // runs past the end of y
            "512, 128, 5000, 7, 4001",         // generic FFT path
            "2048, 512, 1500, 0, 1500"})       // shorter than one frame: every frame is padded
    void bitIdenticalToPowerFrame(int nFft, int hop, int n, int from, int to) {
        SplittableRandom rnd = new SplittableRandom(n + from);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        Stft direct = new Stft(nFft, hop);
        Stft prepared = new Stft(nFft, hop);
        prepared.prepare(y, from, to);
        int end = Math.min(to, n);
        double[] a = new double[direct.bins()];
        double[] b = new double[direct.bins()];
        for (int t = 0; t < direct.frames(to - from); t++) {
            direct.powerFrame(y, from, end, from + t * hop, a);
            prepared.preparedPowerFrame(t, b);
            assertArrayEquals(a, b, 0.0, "frame " + t);
        }
    }
}
