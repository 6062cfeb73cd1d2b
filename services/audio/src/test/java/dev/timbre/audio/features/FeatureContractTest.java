package dev.timbre.audio.features;

import dev.timbre.audio.AnalyzerSettings;
import dev.timbre.audio.AudioAnalyzer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one feature contract, and production computing exactly what the parity tests check. */
class FeatureContractTest {

    @Test
    void theCurrentContractIsLibrosasDefaultsOnThreeSecondWindows() {
        FeatureContract c = FeatureContract.CURRENT;
        assertEquals("librosa-compat-1", c.extractorVersion());
        assertEquals(22_050, c.sampleRate());
        assertEquals(2048, c.nFft());
        assertEquals(512, c.hopLength());
        assertEquals(128, c.nMels());
        assertEquals(13, c.nMfcc());
        assertEquals(3.0, c.windowSeconds());
        assertEquals(130, c.frames());
        assertEquals(List.of(130, 13, 1), c.mfccShape());
        assertEquals(List.of(130, 128), c.logMelShape());
        assertEquals(c.frames(), WindowTensor.FRAMES);
        assertEquals(c.extractorVersion(), AudioAnalyzer.EXTRACTOR_VERSION);
    }

    @Test
    void inconsistentContractsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FeatureContract("v", 22_050, 2048, 512, 13, 128, 66_150));
        assertThrows(IllegalArgumentException.class, () -> new FeatureContract(" ", 22_050, 2048, 512, 128, 13, 66_150));
    }

    /**
     * The analyzer's log-mel and MFCC of each window are LogMel.compute / Mfcc.fromLogMel of its samples, bit for bit:
     * with the default hop and with a hop-aligned overlap (where frames are shared between windows).
     */
    @Test
    void theAnalyzerRunsTheParityTestedFunctions() {
        double alignedHop = 43 * 512 / 22_050.0; // 22 016 samples: overlapping windows share interior frames
        for (AudioAnalyzer analyzer : List.of(AudioAnalyzer.defaults(),
                new AudioAnalyzer(AnalyzerSettings.DEFAULT.withHopSeconds(alignedHop)))) {
            assertWindowsAreTheTestedFunctions(analyzer);
        }
    }

    private static void assertWindowsAreTheTestedFunctions(AudioAnalyzer analyzer) {
        float[] song = new float[7 * 22_050 + 1234];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < song.length; i++) {
            song[i] = (float) (0.3 * Math.sin(i * 0.05) + 0.1 * (random.nextDouble() - 0.5));
        }
        List<WindowTensor> windows = analyzer.analyze(song, 22_050);
        LogMel tested = LogMel.librosaDefaults();
        Mfcc mfcc = FeatureContract.CURRENT.mfcc();
        for (WindowTensor w : windows) {
            int from = (int) Math.round(w.startSeconds() * 22_050);
            float[] samples = new float[FeatureContract.CURRENT.windowSamples()];
            System.arraycopy(song, from, samples, 0, Math.min(samples.length, song.length - from));
            float[] db = tested.compute(samples);
            assertArrayEquals(db, w.logMel(), "window " + w.index());
            assertArrayEquals(mfcc.fromLogMel(db), w.mfcc(), "window " + w.index());
        }
        assertTrue(windows.size() >= 2, windows.size() + " windows");
    }
}
