package dev.timbre.audio.synth;

/** A mono mix bus: sounds are rendered separately and added at sample offsets. */
final class Track {

    final int sampleRate;
    final double[] data;

    Track(int sampleRate, int length) {
        this.sampleRate = sampleRate;
        this.data = new double[length];
    }

    int length() {
        return data.length;
    }

    /** Adds {@code sound * gain} starting at {@code seconds}; anything past the end is cut. */
    void add(double seconds, double[] sound, double gain) {
        int start = (int) Math.round(seconds * sampleRate);
        int from = Math.max(0, -start);
        int to = Math.min(sound.length, data.length - start);
        for (int i = from; i < to; i++) {
            data[start + i] += sound[i] * gain;
        }
    }

    void mix(Track other, double gain) {
        for (int i = 0; i < data.length; i++) {
            data[i] += other.data[i] * gain;
        }
    }
}
