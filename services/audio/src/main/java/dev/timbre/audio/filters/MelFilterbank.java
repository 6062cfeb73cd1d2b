package dev.timbre.audio.filters;

/**
 * Triangular mel filterbank, exactly {@code librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax,
 * htk=False, norm='slaney', dtype=float32)}: {@code nMels} triangles whose corners are consecutive
 * points of {@code nMels+2} mel-spaced frequencies, each scaled by {@code 2/(f[i+2]-f[i])} so it has
 * unit area in Hz (Slaney normalisation, keeps band energy comparable across widths).
 * Weights are computed in double and rounded to float32, as librosa does.
 */
public final class MelFilterbank {

    private final int sampleRate;
    private final int nFft;
    private final float[][] weights; // [nMels][bins]
    private final int[] first;       // first non-zero bin per band
    private final int[] last;        // last non-zero bin per band (inclusive), first-1 if none
    private final float[] packed;    // the non-zero weights only, band after band (a sparse bank)
    private final int[] packedStart; // band m's weights start at packed[packedStart[m]]

    private MelFilterbank(int sampleRate, int nFft, float[][] weights) {
        this.sampleRate = sampleRate;
        this.nFft = nFft;
        this.weights = weights;
        this.first = new int[weights.length];
        this.last = new int[weights.length];
        for (int m = 0; m < weights.length; m++) {
            int f = 0;
            while (f < weights[m].length && weights[m][f] == 0f) {
                f++;
            }
            int l = weights[m].length - 1;
            while (l >= f && weights[m][l] == 0f) {
                l--;
            }
            first[m] = f;
            last[m] = l;
        }
        this.packedStart = new int[weights.length + 1];
        for (int m = 0; m < weights.length; m++) {
            packedStart[m + 1] = packedStart[m] + Math.max(0, last[m] - first[m] + 1);
        }
        this.packed = new float[packedStart[weights.length]];
        for (int m = 0; m < weights.length; m++) {
            System.arraycopy(weights[m], first[m], packed, packedStart[m], packedStart[m + 1] - packedStart[m]);
        }
    }

    /**
     * @param sampleRate sampling rate of the signal in Hz (librosa {@code sr}), e.g. 22050
     * @param nFft       FFT size the spectrogram was computed with; gives {@code 1+nFft/2} bins
     * @param nMels      number of mel bands (e.g. 128)
     * @param fmin       lowest band edge in Hz (e.g. 0)
     * @param fmax       highest band edge in Hz; librosa's default is {@code sr/2}
     */
    public static MelFilterbank slaney(int sampleRate, int nFft, int nMels, double fmin, double fmax) {
        if (sampleRate <= 0 || nFft < 2 || nMels < 1 || fmin < 0 || fmax <= fmin) {
            throw new IllegalArgumentException("invalid mel filterbank parameters");
        }
        int bins = 1 + nFft / 2;
        // numpy.fft.rfftfreq(n_fft, d=1/sr): k * (1 / (n * d))
        double d = 1.0 / sampleRate;
        double val = 1.0 / (nFft * d);
        double[] fftFreqs = new double[bins];
        for (int k = 0; k < bins; k++) {
            fftFreqs[k] = k * val;
        }
        double[] melF = MelScale.melFrequencies(nMels + 2, fmin, fmax);
        double[] fdiff = new double[nMels + 1];
        for (int i = 0; i < fdiff.length; i++) {
            fdiff[i] = melF[i + 1] - melF[i];
        }
        float[][] w = new float[nMels][bins];
        for (int i = 0; i < nMels; i++) {
            double enorm = 2.0 / (melF[i + 2] - melF[i]);
            for (int k = 0; k < bins; k++) {
                double lower = -(melF[i] - fftFreqs[k]) / fdiff[i];
                double upper = (melF[i + 2] - fftFreqs[k]) / fdiff[i + 1];
                // librosa stores the triangle in a float32 array first, then scales it in place.
                float tri = (float) Math.max(0.0, Math.min(lower, upper));
                w[i][k] = (float) (tri * enorm);
            }
        }
        return new MelFilterbank(sampleRate, nFft, w);
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int nFft() {
        return nFft;
    }

    public int bands() {
        return weights.length;
    }

    public int bins() {
        return weights[0].length;
    }

    /** Weight of FFT bin {@code bin} in band {@code band}. */
    public float weight(int band, int bin) {
        return weights[band][bin];
    }

    /** A copy of the weights, {@code [nMels][bins]} as librosa returns them. */
    public float[][] weights() {
        float[][] copy = new float[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            copy[i] = weights[i].clone();
        }
        return copy;
    }

    /**
     * Applies the bank to one power-spectrum frame: {@code out[outOffset+m] = sum_k W[m][k] * p[k]},
     * accumulated in double and rounded to float32 (librosa's result dtype). Only each band's
     * non-zero bins are visited (about 2 per FFT bin in all, instead of 128), read from one packed array.
     */
    public void apply(float[] power, float[] out, int outOffset) {
        float[] w = packed;
        for (int m = 0; m < first.length; m++) {
            int p = packedStart[m];
            int end = packedStart[m + 1];
            int k = first[m] - p; // power index = packed index + k
            double acc = 0;
            for (; p < end; p++) {
                acc += (double) w[p] * power[p + k];
            }
            out[outOffset + m] = (float) acc;
        }
    }

    /** {@link #apply(float[], float[], int)} for a power frame held in doubles (float32 values, see {@code Stft}). */
    public void apply(double[] power, float[] out, int outOffset) {
        float[] w = packed;
        for (int m = 0; m < first.length; m++) {
            int p = packedStart[m];
            int end = packedStart[m + 1];
            int k = first[m] - p;
            double acc = 0;
            for (; p < end; p++) {
                acc += w[p] * power[p + k];
            }
            out[outOffset + m] = (float) acc;
        }
    }
}
