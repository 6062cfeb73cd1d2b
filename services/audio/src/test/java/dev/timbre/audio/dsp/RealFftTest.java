package dev.timbre.audio.dsp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RealFft against a direct DFT, for the vectorised n = 2048 path and the generic one. */
class RealFftTest {

    @ParameterizedTest
    @ValueSource(ints = {16, 64, 512, 2048, 4096})
    void matchesDirectDft(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() * 2 - 1;
        }
        RealFft fft = new RealFft(n);
        double[] re = new double[fft.bins()];
        double[] im = new double[fft.bins()];
        fft.forward(x, re, im);
        float[] xf = new float[n];
        double[] window = new double[n];
        for (int i = 0; i < n; i++) {
            xf[i] = (float) x[i];
            window[i] = 1.0;
        }
        double[] re2 = new double[fft.bins()];
        double[] im2 = new double[fft.bins()];
        fft.forward(xf, 0, window, re2, im2);
        for (int k = 0; k < fft.bins(); k++) {
            double wr = 0;
            double wi = 0;
            for (int t = 0; t < n; t++) {
                double a = -2 * Math.PI * ((long) k * t % n) / n;
                wr += x[t] * Math.cos(a);
                wi += x[t] * Math.sin(a);
            }
            assertEquals(wr, re[k], 1e-9 * n, "re bin " + k);
            assertEquals(wi, im[k], 1e-9 * n, "im bin " + k);
            assertEquals(re[k], re2[k], 1e-6 * n, "float input, re bin " + k);
            assertEquals(im[k], im2[k], 1e-6 * n, "float input, im bin " + k);
        }
    }
}
