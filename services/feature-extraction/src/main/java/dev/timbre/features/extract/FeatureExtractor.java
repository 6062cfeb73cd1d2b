package dev.timbre.features.extract;

import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.features.FeatureContract;
import dev.timbre.audio.features.WindowTensor;
import dev.timbre.schema.features.WindowFeatures;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a song and builds one {@link WindowFeatures} per 3 s window. The output depends only on the audio
 * and the recipe version, so re-processing a song (at-least-once delivery) re-emits identical tensors.
 */
@Singleton
public class FeatureExtractor {
    /** Shapes, rate and version of every record: the analyzer's feature contract, nothing restated here. */
    private static final FeatureContract CONTRACT = AudioAnalyzer.CONTRACT;
    static final List<Integer> MFCC_SHAPE = CONTRACT.mfccShape();
    static final List<Integer> LOG_MEL_SHAPE = CONTRACT.logMelShape();

    private final AudioAnalyzer analyzer;
    private final Clock clock;

    public FeatureExtractor() {
        this(AudioAnalyzer.defaults(), Clock.systemUTC());
    }

    FeatureExtractor(AudioAnalyzer analyzer, Clock clock) {
        this.analyzer = analyzer;
        this.clock = clock;
    }

    /**
     * @throws dev.timbre.audio.AudioException when the audio is corrupt, unsupported, empty or too short
     */
    public List<WindowFeatures> extract(String songId, Path audio) {
        List<WindowTensor> windows = analyzer.analyze(audio);
        if (windows.isEmpty()) {
            throw new dev.timbre.audio.AudioException(dev.timbre.audio.AudioException.Reason.TOO_SHORT,
                    "no complete analysis window in " + audio.getFileName());
        }
        Instant now = clock.instant();
        List<WindowFeatures> features = new ArrayList<>(windows.size());
        for (WindowTensor window : windows) {
            features.add(WindowFeatures.newBuilder()
                    .setSongId(songId)
                    .setWindowIndex(window.index())
                    .setWindowCount(windows.size())
                    .setWindowStartSeconds(window.startSeconds())
                    .setSampleRate(CONTRACT.sampleRate())
                    .setMfccShape(MFCC_SHAPE)
                    .setMfcc(new FloatListView(window.mfcc()))
                    .setLogMelShape(LOG_MEL_SHAPE)
                    .setLogMel(new FloatListView(window.logMel()))
                    .setExtractorVersion(CONTRACT.extractorVersion())
                    .setExtractedAt(now)
                    .build());
        }
        return features;
    }
}
