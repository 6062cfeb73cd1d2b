package dev.timbre.audio.decode;

/**
 * Decoded audio, already downmixed to mono, at the source's sampling rate.
 *
 * @param samples    mono samples in [-1, 1] (float32, like librosa/soundfile)
 * @param sampleRate source sampling rate in Hz
 * @param channels   channel count of the source before downmixing
 * @param format     the container/codec it was decoded from
 * @param truncated  true when decoding stopped at {@link DecodeLimits#maxSeconds()}
 */
public record DecodedAudio(float[] samples, int sampleRate, int channels, AudioFormatKind format,
                           boolean truncated) {

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
