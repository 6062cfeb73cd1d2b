package dev.timbre.audio.dsp;

/**
 * Short-time Fourier transform as {@code librosa.stft(y, n_fft, hop_length, window='hann',
 * center=True, pad_mode='constant')}.
 *
 * <p>Framing: the signal is padded with {@code nFft/2} zeros on both sides, so frame {@code t} is
 * centred on sample {@code t*hop}; there are {@code 1 + len/hop} frames. Each frame is multiplied by
 * the periodic Hann window and transformed with a real FFT ({@link RealFft}, double precision).
 *
 * <p>Precision: librosa multiplies float32 frames by a float64 window, runs the FFT in float64 and
 * stores the result as complex64. {@link #forEachPowerFrame} reproduces that: double FFT, then the
 * real and imaginary parts rounded to float, then {@code |X|} and {@code |X|^2} rounded to float as
 * numpy does for complex64, so the power spectrogram matches librosa's float32 one to the last bit
 * in almost all bins. The roundings are done in double arithmetic ({@link Float32}) so that the
 * per-bin loop, {@code sqrt} included, runs on vectors.
 *
 * <p>Frames can also be taken from a range of a longer array ({@link #powerFrame}), treating samples
 * outside the range as the zero padding: an analysis window of a song is then transformed in place,
 * and a frame that lies wholly inside two overlapping windows is the same computation for both.
 *
 * <p>Instances are not thread-safe (they own the FFT work buffers); create one per thread.
 */
public final class Stft {

    /** Receives one frame of the spectrum; the array is reused for the next frame. */
    @FunctionalInterface
    public interface FrameConsumer {
        void accept(int frame, float[] values);
    }

    private final int nFft;
    private final int hop;
    private final double[] window;
    private final RealFft fft;
    private final double[] re;
    private final double[] im;
    private final float[] edge; // a frame that needs zero padding is assembled here
    private final double[] powerScratch; // for the float[] variant of powerFrame
    private final double[] windowEven;   // window[2m]
    private final double[] windowOdd;    // window[2m+1]
    private float[] even = new float[0]; // the prepared range, de-interleaved (see prepare)
    private float[] odd = new float[0];
    private float[] preparedY;
    private int preparedFrom;
    private int preparedTo;

    /**
     * @param nFft FFT size and window length in samples (librosa {@code n_fft}), a power of two, e.g. 2048
     * @param hop  hop between frame centres in samples (librosa {@code hop_length}), e.g. 512
     */
    public Stft(int nFft, int hop) {
        if (nFft < 16 || Integer.bitCount(nFft) != 1 || hop < 1) {
            throw new IllegalArgumentException("nFft must be a power of two >= 16 and hop >= 1");
        }
        this.nFft = nFft;
        this.hop = hop;
        this.window = Windows.hann(nFft);
        this.fft = new RealFft(nFft);
        this.re = new double[nFft / 2 + 1];
        this.im = new double[nFft / 2 + 1];
        this.edge = new float[nFft];
        this.powerScratch = new double[nFft / 2 + 1];
        this.windowEven = new double[nFft / 2];
        this.windowOdd = new double[nFft / 2];
        for (int m = 0; m < nFft / 2; m++) {
            windowEven[m] = window[2 * m];
            windowOdd[m] = window[2 * m + 1];
        }
    }

    /** Ranges up to this many samples keep their de-interleaved buffers for the next {@link #prepare}. */
    private static final int RETAINED_SAMPLES = 1 << 18;

    /**
     * Makes {@code y[from..to)} the range that {@link #preparedPowerFrame} transforms: its samples are copied
     * once, de-interleaved into even and odd positions (4 bytes per sample; 0.1 ms per 30 s), so that every
     * interior frame is packed from contiguous arrays (vectorised) instead of strided reads. {@code y} must not
     * change until the range's frames are taken. Buffers of ranges up to
     * 262 144 samples (a 3 s window is 66 150) are kept for reuse, longer ones are released after the next call.
     */
    public void prepare(float[] y, int from, int to) {
        if (from < 0 || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ")");
        }
        int length = Math.max(0, Math.min(to, y.length) - from); // past the end of y: zeros
        int halfUp = (length + 1) / 2;
        if (even.length < halfUp || (even.length > RETAINED_SAMPLES / 2 && halfUp <= RETAINED_SAMPLES / 2)) {
            even = new float[Math.max(halfUp, 1)];
            odd = new float[Math.max(halfUp, 1)];
        }
        float[] e = even;
        float[] o = odd;
        int pairs = length / 2;
        for (int m = 0; m < pairs; m++) {
            e[m] = y[from + 2 * m];
            o[m] = y[from + 2 * m + 1];
        }
        if ((length & 1) != 0) {
            e[pairs] = y[from + length - 1];
        }
        preparedY = y;
        preparedFrom = from;
        preparedTo = from + length;
    }

    /**
     * {@link #powerFrame(float[], int, int, int, double[])} of frame {@code t} of the range given to {@link #prepare}
     * (centred on {@code y[from + t*hop]}, samples outside the range are zeros); the same values to the bit.
     */
    public void preparedPowerFrame(int t, double[] power) {
        if (preparedY == null) {
            throw new IllegalStateException("prepare() first");
        }
        int rel = t * hop - nFft / 2; // frame start relative to the range
        if (rel >= 0 && preparedFrom + rel + nFft <= preparedTo) {
            if ((rel & 1) == 0) {
                fft.forward(even, rel / 2, odd, rel / 2, windowEven, windowOdd, re, im);
            } else { // odd start: the frame's even samples are the range's odd ones
                fft.forward(odd, rel / 2, even, rel / 2 + 1, windowEven, windowOdd, re, im);
            }
        } else {
            transform(preparedY, preparedFrom, preparedTo, preparedFrom + t * hop);
        }
        squareAsFloat32(re, im, power, bins());
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
        int bins = bins();
        double[][] out = new double[frames][];
        for (int t = 0; t < frames; t++) {
            transform(y, 0, y.length, t * hop);
            double[] row = new double[2 * bins];
            for (int k = 0; k < bins; k++) {
                row[2 * k] = re[k];
                row[2 * k + 1] = im[k];
            }
            out[t] = row;
        }
        return out;
    }

    /** Power spectrogram {@code |X|^2} with librosa's float32 rounding, one frame at a time. */
    public void forEachPowerFrame(float[] y, FrameConsumer consumer) {
        int frames = frames(y.length);
        float[] power = new float[bins()];
        for (int t = 0; t < frames; t++) {
            powerFrame(y, 0, y.length, t * hop, power);
            consumer.accept(t, power);
        }
    }

    /**
     * Power spectrum {@code |X|^2} (librosa's float32 rounding) of the frame centred on
     * {@code y[centre]}, where only {@code y[from..to)} is signal and everything else is zero, i.e. frame
     * {@code (centre-from)/hop} of a centred STFT of {@code y[from..to)}. {@code power} gets {@link #bins()} values.
     */
    public void powerFrame(float[] y, int from, int to, int centre, float[] power) {
        powerFrame(y, from, to, centre, powerScratch);
        int bins = bins();
        for (int k = 0; k < bins; k++) {
            power[k] = (float) powerScratch[k]; // exact: the values are float32 values
        }
    }

    /**
     * {@link #powerFrame(float[], int, int, int, float[])} into doubles that hold the float32 values
     * (the feature path: no conversion loop, and the mel product reads doubles anyway).
     */
    public void powerFrame(float[] y, int from, int to, int centre, double[] power) {
        transform(y, from, to, centre);
        squareAsFloat32(re, im, power, bins());
    }

    /** Power spectrogram as {@code [frames][bins]} (frame-major, the transpose of librosa's layout). */
    public float[][] power(float[] y) {
        float[][] out = new float[frames(y.length)][];
        forEachPowerFrame(y, (t, p) -> out[t] = p.clone());
        return out;
    }

    // numpy: complex128 -> complex64 (round re, im), np.abs in float32 (hypotf: exact sum, sqrt, one
    // rounding), then ** 2 in float32. A counted loop of double arithmetic only, so C2 vectorises it.
    private static void squareAsFloat32(double[] re, double[] im, double[] power, int bins) {
        for (int k = 0; k < bins; k++) {
            double r = Float32.round(re[k]);
            double i = Float32.round(im[k]);
            double mag = Float32.round(Math.sqrt(r * r + i * i));
            power[k] = Float32.round(mag * mag);
        }
    }

    private void transform(float[] y, int from, int to, int centre) {
        int start = centre - nFft / 2; // first sample of the frame (centre padding)
        if (start >= from && start + nFft <= to) {
            fft.forward(y, start, window, re, im);
            return;
        }
        for (int i = 0; i < nFft; i++) {
            int idx = start + i;
            edge[i] = (idx >= from && idx < to) ? y[idx] : 0f;
        }
        fft.forward(edge, 0, window, re, im);
    }
}
