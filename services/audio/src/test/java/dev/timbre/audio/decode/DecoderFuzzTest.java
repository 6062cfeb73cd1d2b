package dev.timbre.audio.decode;

import dev.timbre.audio.AnalyzerSettings;
import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.AudioException;
import dev.timbre.audio.Signals;
import dev.timbre.audio.features.WindowTensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.sound.sampled.AudioFileFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded mutation fuzzing of valid files of every format: bit flips, truncation, overwritten byte
 * runs (biased towards headers, where the dangerous size fields live) and random tails. Every case
 * must finish within its timeout and end either in analysis windows or in an {@link AudioException};
 * any other throwable (array bounds, OOM, NPE, ...) fails the case. Reproduce a case from its name
 * (format + seed).
 */
class DecoderFuzzTest {

    /** Defaults keep the suite fast; {@code -Dtimbre.fuzz.cases=2000 -Dtimbre.fuzz.seed=N} for a deep run. */
    private static final int CASES_PER_FORMAT = Integer.getInteger("timbre.fuzz.cases", 50);
    private static final long BASE_SEED = Long.getLong("timbre.fuzz.seed", 20_240_611L);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final AudioAnalyzer ANALYZER = new AudioAnalyzer(
            AnalyzerSettings.DEFAULT.withLimits(DecodeLimits.DEFAULT.withMaxSeconds(60).withMaxInputBytes(8L << 20)));

    @TestFactory
    List<DynamicTest> mutatedFilesFailCleanly() throws IOException {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        float[] left = Signals.sine(330, 1.6, 22050, 0.6);
        float[] right = Signals.sine(550, 1.6, 22050, 0.3);
        seeds.put("wav", JavaSoundFormatsTest.encode(AudioFileFormat.Type.WAVE, left, right, 22050, 16, true, false));
        seeds.put("au", JavaSoundFormatsTest.encode(AudioFileFormat.Type.AU, left, null, 22050, 16, true, true));
        seeds.put("aiff", JavaSoundFormatsTest.encode(AudioFileFormat.Type.AIFF, left, right, 22050, 24, true, true));
        seeds.put("mp3", CompressedFormatsTest.fixture("tone_440hz_44100_stereo_3s.mp3"));
        seeds.put("flac", CompressedFormatsTest.fixture("tone_1000hz_48000_mono_3s.flac"));
        seeds.put("ogg", CompressedFormatsTest.fixture("tone_660hz_22050_stereo_3s.ogg"));

        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            // The unmutated file must analyse fine, otherwise the fuzzing proves nothing.
            tests.add(DynamicTest.dynamicTest(e.getKey() + " original", () ->
                    assertEquals(1, ANALYZER.analyze(e.getValue()).size())));
            for (int i = 0; i < CASES_PER_FORMAT; i++) {
                long seed = BASE_SEED + 1000L * tests.size() + i;
                byte[] original = e.getValue();
                tests.add(DynamicTest.dynamicTest(e.getKey() + " seed " + seed,
                        () -> runCase(mutate(original, new SplittableRandom(seed)))));
            }
        }
        return tests;
    }

    /**
     * Our own Layer III decoder on its own (without {@link AudioDecoding}'s catch-all that maps stray runtime
     * exceptions to CORRUPT): every MPEG version, mono and stereo, mutated; it must end in audio or an
     * {@link AudioException} and nothing else.
     */
    @TestFactory
    List<DynamicTest> mutatedMp3sFailCleanlyInOurDecoder() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        String[] files = {"tone_440hz_44100_stereo_3s.mp3", "music_48000_stereo_crc_1s.mp3", "music_22050_jstereo_1.5s.mp3",
                "music_24000_mono_1.5s.mp3", "music_8000_jstereo_2s.mp3", "split_44100_dual_channel_1s.mp3"};
        DecodeLimits limits = DecodeLimits.DEFAULT.withMaxSeconds(60);
        for (String file : files) {
            byte[] original = CompressedFormatsTest.fixture(file);
            for (int i = 0; i < CASES_PER_FORMAT; i++) {
                long seed = BASE_SEED + 7000L + 1000L * tests.size() + i;
                byte[] input = mutate(original, new SplittableRandom(seed));
                tests.add(DynamicTest.dynamicTest(file + " seed " + seed, () -> assertTimeoutPreemptively(TIMEOUT, () -> {
                    try {
                        float[] samples = new Mp3Decoder().decode(input, limits).samples();
                        for (float v : samples) {
                            if (!(Math.abs(v) <= 1f)) {
                                fail("sample out of [-1, 1] from mutated input: " + v);
                            }
                        }
                    } catch (AudioException expected) {
                        // a typed rejection is a correct outcome
                    }
                })));
            }
        }
        return tests;
    }

    private static void runCase(byte[] input) {
        assertTimeoutPreemptively(TIMEOUT, () -> {
            try {
                List<WindowTensor> windows = ANALYZER.analyze(input);
                for (WindowTensor w : windows) {
                    for (float v : w.mfcc()) {
                        if (!Float.isFinite(v)) {
                            fail("non-finite MFCC from mutated input");
                        }
                    }
                }
            } catch (AudioException expected) {
                // a typed rejection is a correct outcome
            }
        });
    }

    static byte[] mutate(byte[] original, SplittableRandom rnd) {
        byte[] b = original.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> { // bit flips anywhere
                int flips = 1 + rnd.nextInt(32);
                for (int i = 0; i < flips; i++) {
                    int pos = rnd.nextInt(b.length);
                    b[pos] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> { // header damage: random bytes in the first 128 bytes
                int n = 1 + rnd.nextInt(8);
                for (int i = 0; i < n; i++) {
                    b[4 + rnd.nextInt(Math.min(124, b.length - 4))] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, rnd.nextInt(b.length)); // truncation
            case 3 -> { // overwrite a run with random bytes
                int start = rnd.nextInt(b.length);
                int len = Math.min(b.length - start, 1 + rnd.nextInt(2048));
                for (int i = 0; i < len; i++) {
                    b[start + i] = (byte) rnd.nextInt(256);
                }
            }
            default -> { // keep the head, replace the rest with noise (garbage after a valid header)
                int keep = Math.min(b.length, 16 + rnd.nextInt(256));
                for (int i = keep; i < b.length; i++) {
                    b[i] = (byte) rnd.nextInt(256);
                }
            }
        }
        return b;
    }
}
