package dev.timbre.audio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbre.audio.features.LogMel;
import dev.timbre.audio.features.Mfcc;
import dev.timbre.audio.features.WindowTensor;
import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AudioAnalyzerTest {

    @Test
    void contractConstants() {
        assertEquals("librosa-compat-1", AudioAnalyzer.EXTRACTOR_VERSION);
        assertEquals(66150, AudioAnalyzer.WINDOW_SAMPLES);
        assertEquals(130, 1 + AudioAnalyzer.WINDOW_SAMPLES / AudioAnalyzer.HOP_LENGTH);
        assertEquals(WindowTensor.FRAMES, AudioAnalyzer.FRAMES_PER_WINDOW);
    }

    @Test
    void windowsOfASongFromPathStreamAndSamplesAgree(@TempDir Path tmp) throws Exception {
        float[] song = SyntheticGenres.render("rock", 42, 10.0);
        Path wav = tmp.resolve("song.wav");
        WavWriter.write(wav, song, 22050);
        List<WindowTensor> fromPath = AudioAnalyzer.defaults().analyze(wav);
        List<WindowTensor> fromStream = AudioAnalyzer.defaults().analyze(new ByteArrayInputStream(Files.readAllBytes(wav)));
        assertEquals(3, fromPath.size(), "10 s -> 3 full windows, tail dropped");
        for (int i = 0; i < 3; i++) {
            WindowTensor w = fromPath.get(i);
            assertEquals(i, w.index());
            assertEquals(3.0 * i, w.startSeconds(), 1e-12);
            assertEquals(130 * 13, w.mfcc().length);
            assertEquals(130 * 128, w.logMel().length);
            assertArrayEquals(w.mfcc(), fromStream.get(i).mfcc());
            assertArrayEquals(w.logMel(), fromStream.get(i).logMel());
            float max = Float.NEGATIVE_INFINITY;
            float min = Float.POSITIVE_INFINITY;
            for (float v : w.logMel()) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
            assertTrue(max - min <= 80.0001, "top_db clamp is per window");
        }
        List<WindowTensor> overlapped = new AudioAnalyzer(AnalyzerSettings.DEFAULT.withHopSeconds(1.5)).analyze(wav);
        assertEquals(5, overlapped.size());
        assertArrayEquals(fromPath.get(1).logMel(), overlapped.get(2).logMel(), "window at 3.0 s is the same either way");
    }

    /** In-place windows and shared frames must give exactly what LogMel/Mfcc give on a window copy. */
    @Test
    void windowsEqualTheParityCheckedChainOnEachWindowCopy() {
        float[] song = SyntheticGenres.render("jazz", 7, 12.0);
        LogMel logMel = LogMel.librosaDefaults();
        Mfcc mfcc = new Mfcc(128, 13);
        // 3 s (default), 1.5 s (no shared frames) and 40 hops = 0.929 s (frames shared between windows)
        for (double hop : new double[] {3.0, 1.5, 40 * 512 / 22050.0}) {
            List<WindowTensor> ws = new AudioAnalyzer(AnalyzerSettings.DEFAULT.withHopSeconds(hop)).analyze(song, 22050);
            int hopSamples = (int) Math.round(hop * 22050);
            assertEquals(1 + (song.length - 66150) / hopSamples, ws.size());
            for (WindowTensor w : ws) {
                float[] copy = Arrays.copyOfRange(song, w.index() * hopSamples, w.index() * hopSamples + 66150);
                float[] db = logMel.compute(copy);
                assertArrayEquals(db, w.logMel(), "hop " + hop + " window " + w.index());
                assertArrayEquals(mfcc.fromLogMel(db), w.mfcc(), "hop " + hop + " window " + w.index());
            }
        }
        float[] shortSong = Arrays.copyOf(song, 40_000); // one window, zero-padded at the end
        List<WindowTensor> one = AudioAnalyzer.defaults().analyze(shortSong, 22050);
        assertArrayEquals(logMel.compute(Arrays.copyOf(shortSong, 66150)), one.get(0).logMel());
    }

    @Test
    void oneWindowOfALibrosaFixtureEqualsLibrosa() {
        Path dir = LibrosaFixtures.dir().orElse(null);
        assumeTrue(dir != null && Files.isRegularFile(dir.resolve("sine_440_1000_3s.wav")), "fixture absent");
        List<WindowTensor> ws = AudioAnalyzer.defaults().analyze(dir.resolve("sine_440_1000_3s.wav"));
        assertEquals(1, ws.size());
        JsonNode ref = LibrosaFixtures.read(dir.resolve("sine_440_1000_3s.json"));
        double[][] db = LibrosaFixtures.matrix(ref.get("log_mel_db"));
        double[][] mfcc = LibrosaFixtures.matrix(ref.get("mfcc"));
        for (int t = 0; t < 130; t++) {
            for (int m = 0; m < 128; m++) {
                assertEquals(db[m][t], ws.get(0).logMel(t, m), 1e-3);
            }
            for (int c = 0; c < 13; c++) {
                assertEquals(mfcc[c][t], ws.get(0).mfcc(t, c), 1e-3);
            }
        }
    }

    @Test
    void resamplesOtherRatesAndRejectsTooShort() {
        float[] at44k = Signals.sine(1000, 3.5, 44100, 0.5);
        List<WindowTensor> ws = AudioAnalyzer.defaults().analyze(WavWriter.toBytes(at44k, 44100));
        assertEquals(1, ws.size());
        AudioException e = assertThrows(AudioException.class,
                () -> AudioAnalyzer.defaults().analyze(WavWriter.toBytes(Signals.sine(1000, 0.9, 44100, 0.5), 44100)));
        assertEquals(AudioException.Reason.TOO_SHORT, e.reason());
        assertEquals(1, AudioAnalyzer.defaults().analyze(Signals.sine(1000, 1.5, 22050, 0.5), 22050).size());
    }
}
