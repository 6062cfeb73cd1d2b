package dev.timbre.audio.decode;

/**
 * Bounds that keep hostile or accidental input (a 4 GB header claim, a 6-hour file, 4096 channels)
 * from exhausting memory or time. Decoded audio is streamed into a mono buffer, so memory is about
 * {@code 4 bytes * maxSeconds * sampleRate} plus the input bytes.
 *
 * @param maxInputBytes  largest encoded input accepted; larger input is rejected as UNSUPPORTED
 *                       before decoding (default 256 MiB)
 * @param maxSeconds     longest audio decoded; decoding stops there and the result is marked
 *                       {@code truncated} (default 900 s = 15 min: enough for nearly all songs)
 * @param maxChannels    most channels accepted (default 16)
 * @param maxSampleRate  highest source sampling rate accepted in Hz (default 384 000)
 * @param maxSamples     most mono samples kept at the source rate, whatever the rate (default 43.2 M =
 *                       15 min at 48 kHz, 173 MB of floats); a 192 kHz file is therefore cut after 225 s
 */
public record DecodeLimits(long maxInputBytes, double maxSeconds, int maxChannels, int maxSampleRate, int maxSamples) {

    public static final DecodeLimits DEFAULT = new DecodeLimits(256L << 20, 900.0, 16, 384_000, 48_000 * 900);

    /** Lowest sampling rate accepted; below this nothing meaningful survives for the features. */
    public static final int MIN_SAMPLE_RATE = 4000;

    public DecodeLimits {
        if (maxInputBytes <= 0 || !(maxSeconds > 0) || maxChannels < 1 || maxSampleRate < MIN_SAMPLE_RATE || maxSamples < 1) {
            throw new IllegalArgumentException("invalid decode limits");
        }
    }

    public DecodeLimits withMaxSeconds(double seconds) {
        return new DecodeLimits(maxInputBytes, seconds, maxChannels, maxSampleRate, maxSamples);
    }

    public DecodeLimits withMaxInputBytes(long bytes) {
        return new DecodeLimits(bytes, maxSeconds, maxChannels, maxSampleRate, maxSamples);
    }

    public DecodeLimits withMaxSamples(int samples) {
        return new DecodeLimits(maxInputBytes, maxSeconds, maxChannels, maxSampleRate, samples);
    }

    /** Most mono frames kept at {@code sampleRate}: the stricter of the duration and sample limits. */
    public int maxFrames(int sampleRate) {
        return (int) Math.min(maxSamples, Math.ceil(maxSeconds * sampleRate));
    }
}
