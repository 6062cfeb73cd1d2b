package dev.timbre.audio.bench;

import dev.timbre.audio.dsp.Windows;

import org.jtransforms.fft.DoubleFFT_1D;

/** The STFT before issue #12 (JTransforms DoubleFFT_1D), kept as the benchmark baseline.
 *
 * Short-time Fourier transform as {@code librosa.stft(y, n_fft, hop_length, window='hann',
 * center=True, pad_mode='constant')}.
 *
 * <p>Framing: the signal is padded with {@code nFft/2} zeros on both sides, so frame {@code t} is
 * centred on sample {@code t*hop}; there are {@code 1 + len/hop} frames. Each frame is multiplied by
 * the periodic Hann window and transformed with a real FFT (JTransforms, double precision).
 *
 * <p>Precision: librosa multiplies float32 frames by a float64 window, runs the FFT in float64 and
 * stores the result as complex64. {@link #forEachPowerFrame} reproduces that: double FFT, then the
 * real and imaginary parts rounded to float, then {@code |X|} and {@code |X|^2} rounded to float as
 * numpy does for complex64, so the power spectrogram matches librosa's float32 one to the last bit
 * in almost all bins.
 *
 * <p>Instances are not thread-safe (they own the FFT work buffer); create one per thread.
 */
final class BaselineStft {

    /** Receives one frame of the spectrum; the array is reused for the next frame. */
    @FunctionalInterface
    public interface FrameConsumer {
        void accept(int frame, float[] values);
    }

    private final int nFft;
    private final int hop;
    private final double[] window;
    private final DoubleFFT_1D fft;
    private final double[] buffer;

    /**
     * @param nFft FFT size and window length in samples (librosa {@code n_fft}), e.g. 2048
     * @param hop  hop between frame centres in samples (librosa {@code hop_length}), e.g. 512
     */
    BaselineStft(int nFft, int hop) {
        if (nFft < 2 || hop < 1) {
            throw new IllegalArgumentException("nFft must be >= 2 and hop >= 1");
        }
        this.nFft = nFft;
        this.hop = hop;
        this.window = Windows.hann(nFft);
        this.fft = new DoubleFFT_1D(nFft);
        this.buffer = new double[nFft];
    }

    public int nFft() {
        return nFft;
    }

    public int hop() {
        return hop;
    }

    /** Number of frequency bins, {@code 1 + nFft/2}. */
    public int bins() {
        return nFft / 2 + 1;
    }

    /** Number of frames librosa produces for a centred STFT of {@code length} samples. */
    public int frames(int length) {
        return 1 + length / hop;
    }

    /**
     * Complex STFT in double precision: returns {@code [frames][2*bins]} with interleaved
     * (re, im) pairs. Meant for tests and analysis; the feature path uses {@link #forEachPowerFrame}.
     */
    public double[][] complex(float[] y) {
        int frames = frames(y.length);
        double[][] out = new double[frames][];
        for (int t = 0; t < frames; t++) {
            transformFrame(y, t);
            double[] row = new double[2 * bins()];
            unpack(row);
            out[t] = row;
        }
        return out;
    }

    /** Power spectrogram {@code |X|^2} with librosa's float32 rounding, one frame at a time. */
    public void forEachPowerFrame(float[] y, FrameConsumer consumer) {
        int frames = frames(y.length);
        int bins = bins();
        float[] power = new float[bins];
        double[] b = buffer;
        for (int t = 0; t < frames; t++) {
            transformFrame(y, t);
            // JTransforms realForward layout: b[0]=Re0, b[1]=Re(n/2), b[2k]=Re k, b[2k+1]=Im k.
            power[0] = squareAsFloat32(b[0], 0.0);
            power[bins - 1] = squareAsFloat32(b[1], 0.0);
            for (int k = 1; k < bins - 1; k++) {
                power[k] = squareAsFloat32(b[2 * k], b[2 * k + 1]);
            }
            consumer.accept(t, power);
        }
    }

    /** Power spectrogram as {@code [frames][bins]} (frame-major, the transpose of librosa's layout). */
    public float[][] power(float[] y) {
        float[][] out = new float[frames(y.length)][];
        forEachPowerFrame(y, (t, p) -> out[t] = p.clone());
        return out;
    }

    // numpy: complex128 -> complex64 (round re, im), np.abs in float32, then ** 2 in float32.
    private static float squareAsFloat32(double re, double im) {
        double r = (float) re;
        double i = (float) im;
        float mag = (float) Math.sqrt(r * r + i * i);
        return mag * mag;
    }

    private void transformFrame(float[] y, int t) {
        int half = nFft / 2;
        int start = t * hop - half; // index into y of the frame's first sample (centre padding)
        double[] b = buffer;
        for (int i = 0; i < nFft; i++) {
            int idx = start + i;
            b[i] = (idx >= 0 && idx < y.length) ? y[idx] * window[i] : 0.0;
        }
        fft.realForward(b);
    }

    private void unpack(double[] row) {
        double[] b = buffer;
        int bins = bins();
        row[0] = b[0];
        row[1] = 0.0;
        row[2 * (bins - 1)] = b[1];
        row[2 * (bins - 1) + 1] = 0.0;
        for (int k = 1; k < bins - 1; k++) {
            row[2 * k] = b[2 * k];
            row[2 * k + 1] = b[2 * k + 1];
        }
    }
}
