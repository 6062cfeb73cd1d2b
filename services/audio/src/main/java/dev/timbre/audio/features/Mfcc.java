package dev.timbre.audio.features;

import dev.timbre.audio.dsp.Dct;

/**
 * MFCC as {@code librosa.feature.mfcc(y, sr, n_mfcc=13, dct_type=2, norm='ortho', lifter=0)} with the
 * mel settings of {@link MelSpectrogram}: the orthonormal DCT-II of each frame's log-mel dB vector,
 * first {@code nMfcc} coefficients. Frame-major output {@code [frames*nMfcc]}.
 */
public final class Mfcc {

    private final Dct dct;

    /**
     * @param nMels number of mel bands of the log-mel input (128)
     * @param nMfcc number of cepstral coefficients kept (13)
     */
    public Mfcc(int nMels, int nMfcc) {
        this.dct = new Dct(nMels, nMfcc);
    }

    public int coefficients() {
        return dct.outputLength();
    }

    /** MFCC from a frame-major log-mel dB array {@code [frames*nMels]}. */
    public float[] fromLogMel(float[] logMelDb) {
        int nMels = dct.inputLength();
        if (logMelDb.length % nMels != 0) {
            throw new IllegalArgumentException("log-mel length is not a multiple of " + nMels);
        }
        int frames = logMelDb.length / nMels;
        int nMfcc = dct.outputLength();
        float[] out = new float[frames * nMfcc];
        for (int t = 0; t < frames; t++) {
            dct.transform(logMelDb, t * nMels, out, t * nMfcc);
        }
        return out;
    }
}
