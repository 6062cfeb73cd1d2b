package dev.timbre.audio.features;

import dev.timbre.audio.dsp.PowerToDb;

/**
 * Log-mel spectrogram in dB: {@code librosa.power_to_db(melspectrogram(y), ref=1, amin=1e-10,
 * top_db=80)}. The 80 dB clamp is relative to the maximum of the whole input {@code y}, so callers
 * pass one analysis window at a time (as the model was trained). Frame-major {@code [frames*nMels]}.
 */
public final class LogMel {

    private final MelSpectrogram mel;
    private final PowerToDb toDb;

    public static LogMel librosaDefaults() {
        return new LogMel(MelSpectrogram.librosaDefaults(), PowerToDb.DEFAULT);
    }

    public LogMel(MelSpectrogram mel, PowerToDb toDb) {
        this.mel = mel;
        this.toDb = toDb;
    }

    public MelSpectrogram melSpectrogram() {
        return mel;
    }

    public int bands() {
        return mel.bands();
    }

    public int frames(int length) {
        return mel.frames(length);
    }

    public float[] compute(float[] y) {
        return toDb.applyInPlace(mel.compute(y));
    }
}
