package dev.timbre.audio.decode;

import javazoom.jl.decoder.Obuffer;

/**
 * JLayer output buffer that keeps one frame's samples per channel as JLayer's 16-bit PCM divided by
 * 32768 (the same clip-and-truncate as its {@code SampleBuffer}, so the decoded values are unchanged),
 * ready to be downmixed. Why: going through {@code SampleBuffer} interleaved every sample into a short
 * array that we then read back one frame at a time; it was ~20 % of the MP3 decode time (JFR).
 */
final class Mp3PcmSink extends Obuffer {

    private static final int MAX_FRAME_SAMPLES = 1152; // per channel, MPEG-1 Layer II/III

    private final float[][] pcm;
    private final int[] count;

    Mp3PcmSink(int channels) {
        pcm = new float[channels][MAX_FRAME_SAMPLES];
        count = new int[channels];
    }

    int channelCount() {
        return pcm.length;
    }

    /** Samples of {@code channel} in the current frame. */
    int count(int channel) {
        return count[channel];
    }

    float[] samples(int channel) {
        return pcm[channel];
    }

    @Override
    public void appendSamples(int channel, float[] f) {
        if (channel >= pcm.length) {
            return;
        }
        float[] dst = pcm[channel];
        int pos = count[channel];
        if (pos + 32 > dst.length) {
            throw new ArrayIndexOutOfBoundsException("more than " + MAX_FRAME_SAMPLES + " samples in an MPEG frame");
        }
        for (int i = 0; i < 32; i++) {
            float v = f[i];
            v = v > 32767.0f ? 32767.0f : (v < -32767.0f ? -32767.0f : v);
            dst[pos + i] = (short) v / 32768f;
        }
        count[channel] = pos + 32;
    }

    @Override
    public void append(int channel, short value) {
        if (channel >= pcm.length) {
            return;
        }
        if (count[channel] >= pcm[channel].length) {
            throw new ArrayIndexOutOfBoundsException("more than " + MAX_FRAME_SAMPLES + " samples in an MPEG frame");
        }
        pcm[channel][count[channel]++] = value / 32768f;
    }

    @Override
    public void clear_buffer() {
        java.util.Arrays.fill(count, 0);
    }

    @Override
    public void write_buffer(int val) {
        // samples are read by the caller after each frame
    }

    @Override
    public void close() {
    }

    @Override
    public void set_stop_flag() {
    }
}
