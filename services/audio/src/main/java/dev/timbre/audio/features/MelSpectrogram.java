package dev.timbre.audio.features;

import dev.timbre.audio.dsp.Stft;
import dev.timbre.audio.filters.MelFilterbank;

/**
 * Mel power spectrogram, {@code librosa.feature.melspectrogram(y, sr, n_fft, hop_length,
 * window='hann', center=True, pad_mode='constant', power=2.0, n_mels, fmin, fmax, htk=False,
 * norm='slaney')}: the centred STFT's power spectrum projected onto a Slaney mel filterbank.
 *
 * <p>Output is frame-major, {@code float[frames * nMels]} with band {@code m} of frame {@code t} at
 * {@code t*nMels+m}, i.e. the transpose of librosa's {@code [n_mels][frames]}, because the feature
 * contract (and the CNN) consume frames as rows. Not thread-safe (owns an {@link Stft}).
 */
public final class MelSpectrogram {

    private final Stft stft;
    private final MelFilterbank bank;
    private final double[] power; // one frame's |X|^2 (float32 values), reused

    /** The feature contract's parameters ({@link FeatureContract#CURRENT}: sr, n_fft, hop, mels, fmin 0, fmax sr/2). */
    public static MelSpectrogram librosaDefaults() {
        return FeatureContract.CURRENT.melSpectrogram();
    }

    /**
     * @param sampleRate sampling rate of the input in Hz
     * @param nFft       FFT/window size in samples
     * @param hop        hop between frames in samples
     * @param nMels      number of mel bands
     * @param fmin       lowest mel band edge (Hz)
     * @param fmax       highest mel band edge (Hz), at most {@code sampleRate/2}
     */
    public MelSpectrogram(int sampleRate, int nFft, int hop, int nMels, double fmin, double fmax) {
        this(new Stft(nFft, hop), MelFilterbank.slaney(sampleRate, nFft, nMels, fmin, fmax));
    }

    /** Combines an STFT with a filterbank built for the same {@code nFft} (the bank is immutable and shareable). */
    public MelSpectrogram(Stft stft, MelFilterbank bank) {
        if (stft.nFft() != bank.nFft()) {
            throw new IllegalArgumentException("STFT and filterbank disagree on n_fft");
        }
        this.stft = stft;
        this.bank = bank;
        this.power = new double[stft.bins()];
    }

    public int bands() {
        return bank.bands();
    }

    /** Samples between frames. */
    public int hop() {
        return stft.hop();
    }

    /** Frames produced for {@code length} samples: {@code 1 + length/hop}. */
    public int frames(int length) {
        return stft.frames(length);
    }

    public MelFilterbank filterbank() {
        return bank;
    }

    /** Mel power of {@code y}, frame-major {@code [frames*nMels]}. */
    public float[] compute(float[] y) {
        float[] out = new float[stft.frames(y.length) * bank.bands()];
        prepare(y, 0, y.length);
        for (int t = 0; t < stft.frames(y.length); t++) {
            preparedFrame(t, out, t * bank.bands());
        }
        return out;
    }

    /** Makes {@code y[from..to)} the range {@link #preparedFrame} reads (see {@link Stft#prepare}). */
    public void prepare(float[] y, int from, int to) {
        stft.prepare(y, from, to);
    }

    /** {@link #frame} of the range given to {@link #prepare}: the same values, with the frame packed from contiguous copies. */
    public void preparedFrame(int t, float[] out, int outOffset) {
        stft.preparedPowerFrame(t, power);
        bank.apply(power, out, outOffset);
    }

    /**
     * Frame {@code t} of the mel power of {@code y[from..to)} (as if that range were the whole input)
     * into {@code out[outOffset .. outOffset+nMels)}; what {@link #compute} does per frame, without copying the range.
     */
    public void frame(float[] y, int from, int to, int t, float[] out, int outOffset) {
        stft.powerFrame(y, from, to, from + t * stft.hop(), power);
        bank.apply(power, out, outOffset);
    }

    /** Whether frame {@code t} of a range starting at {@code from} reads no padding, only {@code y[from..to)}. */
    public boolean interior(int from, int to, int t) {
        int start = from + t * stft.hop() - stft.nFft() / 2;
        return start >= from && start + stft.nFft() <= to;
    }
}
