package dev.timbre.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/** Test signals and a tiny spectrum analyser. */
public final class Signals {

    private Signals() {
    }

    public static float[] sine(double hz, double seconds, int sr, double amp) {
        int n = (int) Math.round(seconds * sr);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / sr));
        }
        return x;
    }

    /** Frequency (Hz) of the strongest Hann-windowed FFT bin over {@code x[from .. from+n)} (n a power of two). */
    public static double dominantHz(float[] x, int from, int n, int sr) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
            b[i] = x[from + i] * w;
        }
        new DoubleFFT_1D(n).realForward(b);
        int best = 1;
        double bestMag = 0;
        for (int k = 1; k < n / 2; k++) {
            double m = b[2 * k] * b[2 * k] + b[2 * k + 1] * b[2 * k + 1];
            if (m > bestMag) {
                bestMag = m;
                best = k;
            }
        }
        // Parabolic interpolation on log magnitude for sub-bin accuracy.
        double a = Math.log(mag(b, best - 1) + 1e-30);
        double c = Math.log(mag(b, best) + 1e-30);
        double d = Math.log(mag(b, best + 1) + 1e-30);
        double delta = 0.5 * (a - d) / (a - 2 * c + d);
        return (best + delta) * sr / n;
    }

    private static double mag(double[] b, int k) {
        return b[2 * k] * b[2 * k] + b[2 * k + 1] * b[2 * k + 1];
    }

    public static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / Math.max(1, to - from));
    }
}
