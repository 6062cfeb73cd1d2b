package dev.timbre.audio.features;

import dev.timbre.audio.dsp.PowerToDb;
import dev.timbre.audio.dsp.Stft;
import dev.timbre.audio.filters.MelFilterbank;
import java.util.List;

/**
 * The feature contract between feature-extraction, the trainer and the model, in one place: sample rate, STFT and
 * mel parameters, MFCC count, window length, the resulting tensor shapes and the version that names them. Everything
 * that computes features is built from it ({@link #logMel()}, {@link #mfcc()}), so the functions the librosa
 * parity tests check are the ones production runs. Changing any value changes feature values: bump
 * {@link #extractorVersion} (the classification service rejects windows of an unknown version) and retrain.
 *
 * @param extractorVersion identifies the feature definition in every {@code WindowFeatures} record
 * @param sampleRate       Hz everything is resampled to (librosa {@code sr})
 * @param nFft             STFT window and FFT size ({@code n_fft})
 * @param hopLength        samples between STFT frames ({@code hop_length})
 * @param nMels            Slaney mel bands ({@code n_mels}), {@code fmin} 0, {@code fmax} {@code sr/2}
 * @param nMfcc            MFCC coefficients per frame ({@code n_mfcc})
 * @param windowSamples    samples per analysis window (3 s)
 */
public record FeatureContract(String extractorVersion, int sampleRate, int nFft, int hopLength, int nMels, int nMfcc,
                              int windowSamples) {

    /** What Timbre extracts and its models read: librosa's defaults at 22 050 Hz, 3 s windows. */
    public static final FeatureContract CURRENT =
            new FeatureContract("librosa-compat-1", 22_050, 2048, 512, 128, 13, 3 * 22_050);

    public FeatureContract {
        if (sampleRate <= 0 || nFft <= 0 || hopLength <= 0 || nMels <= 0 || nMfcc <= 0 || nMfcc > nMels
                || windowSamples < nFft || extractorVersion == null || extractorVersion.isBlank()) {
            throw new IllegalArgumentException("inconsistent feature contract");
        }
    }

    /** Frames per window: {@code 1 + windowSamples / hopLength} (centred STFT) = 130. */
    public int frames() {
        return 1 + windowSamples / hopLength;
    }

    /** Seconds per window. */
    public double windowSeconds() {
        return windowSamples / (double) sampleRate;
    }

    /** Shape of a window's MFCC tensor as the records and the MFCC model carry it: {@code [frames, nMfcc, 1]}. */
    public List<Integer> mfccShape() {
        return List.of(frames(), nMfcc, 1);
    }

    /** Shape of a window's log-mel tensor: {@code [frames, nMels]}. */
    public List<Integer> logMelShape() {
        return List.of(frames(), nMels);
    }

    /** The Slaney mel filterbank of this contract (immutable, shareable). */
    public MelFilterbank melFilterbank() {
        return MelFilterbank.slaney(sampleRate, nFft, nMels, 0.0, sampleRate / 2.0);
    }

    /** A mel power spectrogram of this contract (not thread-safe: owns an STFT). */
    public MelSpectrogram melSpectrogram() {
        return melSpectrogram(melFilterbank());
    }

    /** The same, sharing an already built filterbank. */
    public MelSpectrogram melSpectrogram(MelFilterbank bank) {
        return new MelSpectrogram(new Stft(nFft, hopLength), bank);
    }

    /** The log-mel in dB ({@code power_to_db(ref=1, amin=1e-10, top_db=80)}) of this contract (not thread-safe). */
    public LogMel logMel() {
        return new LogMel(melSpectrogram(), PowerToDb.DEFAULT);
    }

    /** The same, sharing an already built filterbank. */
    public LogMel logMel(MelFilterbank bank) {
        return new LogMel(melSpectrogram(bank), PowerToDb.DEFAULT);
    }

    /** MFCC from this contract's log-mel (DCT-II, ortho). */
    public Mfcc mfcc() {
        return new Mfcc(nMels, nMfcc);
    }
}
