package dev.timbre.audio.dsp;

/**
 * Orthonormal DCT-II ({@code scipy.fftpack.dct(x, type=2, norm='ortho')}), truncated to the first
 * {@code nOut} coefficients: {@code X[k] = s(k) * sum_n x[n] cos(pi k (2n+1) / (2N))} with
 * {@code s(0) = sqrt(1/N)} and {@code s(k>0) = sqrt(2/N)}. For MFCC N is 128 and nOut 13, so a
 * precomputed 13x128 matrix is faster and more exact than an FFT-based transform.
 */
public final class Dct {

    private final int nIn;
    private final int nOut;
    private final double[] basis; // [nOut][nIn] row-major

    /**
     * @param nIn  input length N (e.g. 128 mel bands)
     * @param nOut number of leading coefficients kept (e.g. 13), {@code 1 <= nOut <= nIn}
     */
    public Dct(int nIn, int nOut) {
        if (nIn < 1 || nOut < 1 || nOut > nIn) {
            throw new IllegalArgumentException("need 1 <= nOut <= nIn");
        }
        this.nIn = nIn;
        this.nOut = nOut;
        this.basis = new double[nOut * nIn];
        for (int k = 0; k < nOut; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / nIn);
            for (int n = 0; n < nIn; n++) {
                basis[k * nIn + n] = scale * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * nIn));
            }
        }
    }

    public int inputLength() {
        return nIn;
    }

    public int outputLength() {
        return nOut;
    }

    /** Transforms {@code in[inOffset .. inOffset+nIn)} into {@code out[outOffset .. outOffset+nOut)}. */
    public void transform(float[] in, int inOffset, float[] out, int outOffset) {
        // Four partial sums: one chain of 128 dependent adds per coefficient was latency-bound; the
        // reordering changes the double sum by ulps, far below the float32 rounding of the result.
        int n4 = nIn & ~3;
        for (int k = 0; k < nOut; k++) {
            int row = k * nIn;
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            int n = 0;
            for (; n < n4; n += 4) {
                a0 += basis[row + n] * in[inOffset + n];
                a1 += basis[row + n + 1] * in[inOffset + n + 1];
                a2 += basis[row + n + 2] * in[inOffset + n + 2];
                a3 += basis[row + n + 3] * in[inOffset + n + 3];
            }
            for (; n < nIn; n++) {
                a0 += basis[row + n] * in[inOffset + n];
            }
            out[outOffset + k] = (float) ((a0 + a1) + (a2 + a3));
        }
    }

    /** Convenience for a single vector of length {@code nIn}. */
    public double[] transform(double[] in) {
        if (in.length != nIn) {
            throw new IllegalArgumentException("expected length " + nIn);
        }
        double[] out = new double[nOut];
        for (int k = 0; k < nOut; k++) {
            double acc = 0;
            for (int n = 0; n < nIn; n++) {
                acc += basis[k * nIn + n] * in[n];
            }
            out[k] = acc;
        }
        return out;
    }
}
