package dev.timbre.audio.decode;

import java.util.Arrays;

/**
 * Growable mono sample buffer that downmixes interleaved frames as they are decoded (so a
 * multichannel file never needs its full interleaved copy in memory) and stops at a frame limit.
 */
final class MonoBuffer {

    private final int channels;
    private final int maxFrames;
    private float[] data = new float[1 << 16];
    private int size;
    private boolean full;

    MonoBuffer(int channels, int maxFrames) {
        this.channels = channels;
        this.maxFrames = maxFrames;
    }

    /**
     * Appends one frame given its channel values; returns false (and drops it) once the limit is hit.
     * Downmix is the arithmetic mean of the channels, as {@code librosa.to_mono}.
     */
    boolean addFrame(float[] frame) {
        float sum = 0f;
        for (int c = 0; c < channels; c++) {
            sum += frame[c];
        }
        return add(channels == 1 ? sum : sum / channels);
    }

    boolean add(float mono) {
        if (size >= maxFrames) {
            full = true;
            return false;
        }
        if (size == data.length) {
            data = Arrays.copyOf(data, (int) Math.min((long) data.length * 2, (long) maxFrames));
        }
        data[size++] = mono;
        return true;
    }

    boolean isFull() {
        return full || size >= maxFrames;
    }

    int size() {
        return size;
    }

    float[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
