package dev.timbre.audio.resample;

/** Band-limited sample-rate conversion of mono float samples; implementations are thread-safe. */
public interface Resampler {

    int inRate();

    int outRate();

    /** Number of output samples for {@code n} input samples, {@code ceil(n * outRate / inRate)}. */
    int outputLength(int n);

    float[] resample(float[] x);
}
