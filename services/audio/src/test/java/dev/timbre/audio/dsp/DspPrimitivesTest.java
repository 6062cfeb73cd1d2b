package dev.timbre.audio.dsp;

import dev.timbre.audio.Signals;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of the DSP building blocks that hold independently of librosa. */
class DspPrimitivesTest {

    @Test
    void hannIsPeriodicAndSymmetricAroundTheCentre() {
        int n = 2048;
        double[] w = Windows.hann(n);
        assertEquals(0.0, w[0], 0.0);
        assertEquals(1.0, w[n / 2], 1e-15);
        for (int k = 1; k < n; k++) {
            assertEquals(w[k], w[n - k], 1e-12, "periodic Hann is symmetric about n/2");
            assertEquals(0.5 - 0.5 * Math.cos(2 * Math.PI * k / n), w[k], 1e-12);
        }
        // Periodic Hann at hop n/4 sums to a constant (COLA), the property the STFT relies on.
        double[] sum = new double[n];
        for (int shift = 0; shift < n; shift += n / 4) {
            for (int i = 0; i < n; i++) {
                sum[(i + shift) % n] += w[i];
            }
        }
        for (double s : sum) {
            assertEquals(2.0, s, 1e-12);
        }
    }

    @Test
    void stftSatisfiesParsevalPerFrame() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] y = new float[10_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        Stft stft = new Stft(2048, 512);
        double[][] spec = stft.complex(y);
        assertEquals(1 + y.length / 512, spec.length);
        double[] w = Windows.hann(2048);
        for (int t = 0; t < spec.length; t++) {
            double time = 0;
            for (int i = 0; i < 2048; i++) {
                int idx = t * 512 - 1024 + i;
                double v = idx >= 0 && idx < y.length ? y[idx] * w[i] : 0;
                time += v * v;
            }
            double freq = 0;
            int bins = stft.bins();
            for (int k = 0; k < bins; k++) {
                double p = spec[t][2 * k] * spec[t][2 * k] + spec[t][2 * k + 1] * spec[t][2 * k + 1];
                freq += (k == 0 || k == bins - 1) ? p : 2 * p;
            }
            freq /= 2048;
            assertEquals(time, freq, 1e-9 * Math.max(1, time), "frame " + t);
        }
    }

    @Test
    void sinePeaksInItsBinWithExpectedPower() {
        int sr = 22050;
        int bin = 93; // 93 * 22050/2048 = 1001.3 Hz, exactly on a bin
        double hz = bin * (double) sr / 2048;
        float[] y = Signals.sine(hz, 1.0, sr, 1.0);
        float[][] power = new Stft(2048, 512).power(y);
        float[] mid = power[power.length / 2];
        int best = 0;
        for (int k = 0; k < mid.length; k++) {
            if (mid[k] > mid[best]) {
                best = k;
            }
        }
        assertEquals(bin, best);
        // Amplitude A sine, window sum 1024 -> |X| = A * 1024 / 2 = 512.
        assertEquals(512.0 * 512.0, mid[bin], 512.0 * 512.0 * 1e-4);
    }

    @Test
    void dctIsOrthonormal() {
        int n = 128;
        Dct dct = new Dct(n, n);
        for (int a = 0; a < n; a++) {
            double[] e = new double[n];
            e[a] = 1;
            double[] col = dct.transform(e);
            for (int b = 0; b < n; b++) {
                double[] f = new double[n];
                f[b] = 1;
                double[] colB = dct.transform(f);
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += col[k] * colB[k];
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12);
            }
        }
        // A constant vector has only a DC coefficient, sqrt(N) * value.
        double[] c = new double[n];
        java.util.Arrays.fill(c, 2.0);
        double[] out = new Dct(n, 13).transform(c);
        assertEquals(2.0 * Math.sqrt(n), out[0], 1e-12);
        for (int k = 1; k < 13; k++) {
            assertEquals(0.0, out[k], 1e-12);
        }
    }

    @Test
    void powerToDbClampsRelativeToTheMaximumOfTheWholeInput() {
        float[] p = {1f, 1e-3f, 1e-12f, 0f, 100f};
        PowerToDb.DEFAULT.applyInPlace(p);
        assertEquals(0.0, p[0], 1e-6);
        assertEquals(-30.0, p[1], 1e-4);
        assertEquals(20.0, p[4], 1e-5);
        assertEquals(-60.0, p[2], 1e-5, "clamped to max - 80 dB");
        assertEquals(-60.0, p[3], 1e-5, "zero is floored by amin then clamped");
        float[] q = {1e-12f, 0f};
        new PowerToDb(1.0, 1e-10, Double.NaN).applyInPlace(q);
        assertEquals(-100.0, q[0], 1e-4, "amin floor without top_db");
        assertTrue(q[1] <= q[0]);
    }
}
