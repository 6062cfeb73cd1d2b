package dev.timbre.audio.dsp;

/** Analysis windows, computed exactly as scipy.signal.get_window does (which librosa uses). */
public final class Windows {

    private Windows() {
    }

    /**
     * Periodic ("DFT-even") Hann window of length {@code n}, as
     * {@code scipy.signal.get_window('hann', n, fftbins=True)}: the first {@code n} points of a
     * symmetric window of length {@code n + 1}. Periodic, because an STFT window must tile with its
     * hop; the symmetric variant would bias every frame's spectrum slightly.
     */
    public static double[] hann(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("window length must be >= 1: " + n);
        }
        if (n == 1) {
            return new double[] {1.0};
        }
        // scipy: general_cosine(M=n+1, [0.5, 0.5]) with fac = linspace(-pi, pi, M), then truncated.
        int m = n + 1;
        double[] w = new double[n];
        double step = (Math.PI - (-Math.PI)) / (m - 1);
        for (int i = 0; i < n; i++) {
            double fac = -Math.PI + i * step;
            w[i] = 0.5 + 0.5 * Math.cos(fac);
        }
        return w;
    }
}
