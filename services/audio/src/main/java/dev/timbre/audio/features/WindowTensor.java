package dev.timbre.audio.features;

/**
 * Features of one analysis window ({@link FeatureContract#CURRENT}: 3 s at 22 050 Hz = 130 frames).
 *
 * @param index        0-based position of the window in the song
 * @param startSeconds where the window starts in the (resampled) song, in seconds
 * @param mfcc         {@code float[FRAMES*N_MFCC]}, frame-major: coefficient c of frame t at {@code t*13+c}
 * @param logMel       {@code float[FRAMES*N_MELS]}, frame-major: band m of frame t at {@code t*128+m}, dB
 */
public record WindowTensor(int index, double startSeconds, float[] mfcc, float[] logMel) {

    /** {@link FeatureContract#frames()} of the current contract (130). */
    public static final int FRAMES = FeatureContract.CURRENT.frames();
    public static final int N_MFCC = FeatureContract.CURRENT.nMfcc();
    public static final int N_MELS = FeatureContract.CURRENT.nMels();

    /** {@code mfcc[frame][coefficient]}. */
    public float mfcc(int frame, int coefficient) {
        return mfcc[frame * N_MFCC + coefficient];
    }

    /** {@code logMel[frame][band]}. */
    public float logMel(int frame, int band) {
        return logMel[frame * N_MELS + band];
    }
}
