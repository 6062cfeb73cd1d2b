package dev.timbre.audio.features;

import dev.timbre.audio.dsp.PowerToDb;

/**
 * Log-mel spectrogram in dB: {@code librosa.power_to_db(melspectrogram(y), ref=1, amin=1e-10,
 * top_db=80)}. The 80 dB clamp is relative to the maximum of the whole input {@code y}, so callers
 * pass one analysis window at a time (as the model was trained). Frame-major {@code [frames*nMels]}.
 * {@link #compute} (what the librosa parity tests check) and {@link #window} (what {@code AudioAnalyzer} runs on
 * every window of a song) are one computation. Not thread-safe (owns an STFT).
 */
public final class LogMel {

    private final MelSpectrogram mel;
    private final PowerToDb toDb;

    /** The feature contract's log-mel ({@link FeatureContract#CURRENT}). */
    public static LogMel librosaDefaults() {
        return FeatureContract.CURRENT.logMel();
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

    /** The log-mel of all of {@code y}. */
    public float[] compute(float[] y) {
        return window(y, 0, y.length, null);
    }

    /**
     * The log-mel of the window {@code y[from, from + length)}, as if it were the whole input; samples past the end
     * of {@code y} are zeros (a song's last, padded window). With {@code shared} (windows starting on multiples of
     * the hop), a frame that lies wholly inside this window, reading no padding, is computed once per song and
     * reused by every window that contains it; the values are identical either way.
     */
    public float[] window(float[] y, int from, int length, SharedFrames shared) {
        int frames = mel.frames(length);
        int bands = mel.bands();
        float[] out = new float[frames * bands];
        mel.prepare(y, from, from + length); // clamped to y.length: zeros past the end
        for (int t = 0; t < frames; t++) {
            if (shared != null && mel.interior(from, from + length, t)) {
                float[] frame = shared.frame(from, t);
                if (frame == null) {
                    frame = new float[bands];
                    mel.preparedFrame(t, frame, 0);
                    shared.put(from, t, frame);
                }
                System.arraycopy(frame, 0, out, t * bands, bands);
            } else {
                mel.preparedFrame(t, out, t * bands);
            }
        }
        return toDb.applyInPlace(out);
    }

    /** Mel power frames of one song, by position, for windows that overlap on hop-aligned starts. */
    public final class SharedFrames {
        private final float[][] frames;

        /** For a song of {@code songLength} samples cut into windows of {@code windowLength}. */
        public SharedFrames(int songLength, int windowLength) {
            this.frames = new float[songLength / mel.hop() + mel.frames(windowLength) + 1][];
        }

        float[] frame(int from, int t) {
            return frames[from / mel.hop() + t];
        }

        void put(int from, int t, float[] frame) {
            frames[from / mel.hop() + t] = frame;
        }
    }
}
