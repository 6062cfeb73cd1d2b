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

    /**
     * Appends {@code n} mono samples {@code a[0..n)}, or {@code (0 + a[i] + b[i]) / 2} (the float mean of two channels,
     * as {@link #addFrame}) when {@code b} is not null; what {@link #add} does per sample, in bulk. Returns false
     * once the limit is hit.
     */
    boolean addAll(float[] a, float[] b, int n) {
        int room = maxFrames - size;
        int m = Math.min(n, room);
        if (size + m > data.length) {
            long want = Math.max((long) data.length * 2, (long) size + m);
            data = Arrays.copyOf(data, (int) Math.min(want, (long) maxFrames));
        }
        float[] d = data;
        int o = size;
        if (b == null) {
            System.arraycopy(a, 0, d, o, m);
        } else {
            for (int i = 0; i < m; i++) {
                d[o + i] = (0f + a[i] + b[i]) / 2;
            }
        }
        size += m;
        if (m < n) {
            full = true;
            return false;
        }
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
