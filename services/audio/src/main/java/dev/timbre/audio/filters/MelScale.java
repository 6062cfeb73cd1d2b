package dev.timbre.audio.filters;

/**
 * The Slaney (Auditory Toolbox) mel scale used by librosa when {@code htk=False}: linear below
 * 1 kHz (200/3 Hz per mel), logarithmic above (27 mels per factor 6.4).
 */
public final class MelScale {

    private static final double F_SP = 200.0 / 3.0;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private MelScale() {
    }

    /** {@code librosa.hz_to_mel(hz, htk=False)}. */
    public static double hzToMel(double hz) {
        if (hz >= MIN_LOG_HZ) {
            return MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
        }
        return hz / F_SP;
    }

    /** {@code librosa.mel_to_hz(mel, htk=False)}. */
    public static double melToHz(double mel) {
        if (mel >= MIN_LOG_MEL) {
            return MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
        }
        return F_SP * mel;
    }

    /**
     * {@code librosa.mel_frequencies(n, fmin, fmax, htk=False)}: {@code n} frequencies evenly spaced
     * on the mel scale, computed like {@code numpy.linspace} (last point exactly {@code fmax}'s mel).
     */
    public static double[] melFrequencies(int n, double fmin, double fmax) {
        double minMel = hzToMel(fmin);
        double maxMel = hzToMel(fmax);
        double[] out = new double[n];
        double step = n > 1 ? (maxMel - minMel) / (n - 1) : 0.0;
        for (int i = 0; i < n; i++) {
            double mel = (n > 1 && i == n - 1) ? maxMel : i * step + minMel;
            out[i] = melToHz(mel);
        }
        return out;
    }
}
