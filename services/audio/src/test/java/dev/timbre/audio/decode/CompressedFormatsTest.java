package dev.timbre.audio.decode;

import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.Signals;
import dev.timbre.audio.features.WindowTensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed MP3/FLAC/Ogg fixtures (see fixtures/README.md) decode to the tone and length they were made from. */
class CompressedFormatsTest {

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(CompressedFormatsTest.class.getResourceAsStream("/fixtures/" + name), name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "tone_440hz_44100_stereo_3s.mp3,  MP3,        44100, 2, 440",
            "tone_1000hz_48000_mono_3s.flac,  FLAC,       48000, 1, 1000",
            "tone_660hz_22050_stereo_3s.ogg,  OGG_VORBIS, 22050, 2, 660",
    })
    void decodesToneAndDuration(String file, AudioFormatKind kind, int rate, int channels, double hz) throws IOException {
        byte[] data = fixture(file);
        assertEquals(kind, FormatSniffer.sniff(data).orElseThrow());
        DecodedAudio audio = new AudioDecoding(DecodeLimits.DEFAULT).decode(data);
        assertEquals(kind, audio.format());
        assertEquals(rate, audio.sampleRate());
        assertEquals(channels, audio.channels());
        assertFalse(audio.truncated());
        // MP3 adds encoder/decoder delay and frame padding (~0.06 s); lossless/Vorbis are exact-ish.
        assertEquals(3.0, audio.durationSeconds(), kind == AudioFormatKind.MP3 ? 0.12 : 0.01, "duration");
        float[] x = audio.samples();
        double measured = Signals.dominantHz(x, x.length / 4, 16384, rate);
        assertEquals(hz, measured, 1.0, "dominant frequency");
        double rms = Signals.rms(x, x.length / 4, 3 * x.length / 4);
        assertEquals(0.5 / Math.sqrt(2), rms, 0.02, "level (sox vol 0.5 sine)");

        // Through the facade: resampled to 22 050 Hz, one 3 s window, tone still at hz.
        List<WindowTensor> windows = AudioAnalyzer.defaults().analyze(data);
        assertEquals(1, windows.size());
        int bandOfPeak = argmax(windows.get(0).logMel(), 65 * WindowTensor.N_MELS, WindowTensor.N_MELS);
        double[] centres = dev.timbre.audio.filters.MelScale.melFrequencies(WindowTensor.N_MELS + 2, 0, 11025);
        assertTrue(centres[bandOfPeak] <= hz * 1.15 && centres[bandOfPeak + 2] >= hz * 0.87,
                "tone lands in mel band " + bandOfPeak + " (" + centres[bandOfPeak + 1] + " Hz)");
    }

    static int argmax(float[] a, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (a[from + i] > a[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
