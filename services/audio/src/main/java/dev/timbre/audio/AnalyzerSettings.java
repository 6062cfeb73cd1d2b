package dev.timbre.audio;

import dev.timbre.audio.decode.DecodeLimits;

/**
 * Tunables of {@link AudioAnalyzer}. The feature definition itself (22 050 Hz, 3 s windows, n_fft
 * 2048, hop 512, 128 Slaney mels, 13 MFCC) is fixed by {@link AudioAnalyzer#EXTRACTOR_VERSION} and
 * is deliberately not configurable here: changing it would silently invalidate the trained model.
 *
 * @param hopSeconds distance between window starts; 3.0 = no overlap (default), 1.5 = 50 % overlap
 * @param limits     decoding bounds against hostile input
 */
public record AnalyzerSettings(double hopSeconds, DecodeLimits limits) {

    public static final AnalyzerSettings DEFAULT = new AnalyzerSettings(3.0, DecodeLimits.DEFAULT);

    public AnalyzerSettings {
        if (!(hopSeconds >= 0.1) || limits == null) {
            throw new IllegalArgumentException("hopSeconds must be >= 0.1 and limits set");
        }
    }

    public AnalyzerSettings withHopSeconds(double seconds) {
        return new AnalyzerSettings(seconds, limits);
    }

    public AnalyzerSettings withLimits(DecodeLimits newLimits) {
        return new AnalyzerSettings(hopSeconds, newLimits);
    }
}
