package dev.timbre.audio.decode;

import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.AudioException;
import dev.timbre.audio.AudioException.Reason;
import dev.timbre.audio.Signals;
import dev.timbre.audio.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of bad input maps to its documented {@link Reason}. */
class TypedErrorsTest {

    private final AudioDecoding decoding = new AudioDecoding(DecodeLimits.DEFAULT);

    private static void assertReason(Reason expected, Executable call) {
        AudioException e = assertThrows(AudioException.class, call);
        assertEquals(expected, e.reason(), e.getMessage());
    }

    private static byte[] wav(double seconds) {
        return WavWriter.toBytes(Signals.sine(440, seconds, 22050, 0.5), 22050);
    }

    @Test
    void empty() {
        assertReason(Reason.EMPTY, () -> decoding.decode(new byte[0]));
        assertReason(Reason.EMPTY, () -> decoding.decode(WavWriter.toBytes(new float[0], 22050)));
    }

    @Test
    void unsupported() {
        assertReason(Reason.UNSUPPORTED, () -> decoding.decode("hello, not audio at all".getBytes(StandardCharsets.US_ASCII)));
        byte[] adpcm = wav(1.5);
        ByteBuffer.wrap(adpcm).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 2); // fmt tag: MS ADPCM
        assertReason(Reason.UNSUPPORTED, () -> decoding.decode(adpcm));
        assertReason(Reason.UNSUPPORTED, () -> new AudioDecoding(DecodeLimits.DEFAULT.withMaxInputBytes(1000)).decode(wav(1.5)));
    }

    @Test
    void truncated() throws IOException {
        byte[] w = wav(2.0);
        assertReason(Reason.TRUNCATED, () -> decoding.decode(Arrays.copyOf(w, w.length / 2)));
        byte[] flac = CompressedFormatsTest.fixture("tone_1000hz_48000_mono_3s.flac");
        assertReason(Reason.TRUNCATED, () -> decoding.decode(Arrays.copyOf(flac, flac.length / 2)));
        byte[] mp3 = CompressedFormatsTest.fixture("tone_440hz_44100_stereo_3s.mp3");
        assertTrue(Mp3Decoder.declaredFrames(mp3) > 100, "LAME writes an Info tag with the frame count");
        assertReason(Reason.TRUNCATED, () -> decoding.decode(Arrays.copyOf(mp3, mp3.length / 2)));
        byte[] ogg = CompressedFormatsTest.fixture("tone_660hz_22050_stereo_3s.ogg");
        assertReason(Reason.TRUNCATED, () -> decoding.decode(Arrays.copyOf(ogg, ogg.length / 2)));
    }

    @Test
    void corrupt() throws IOException {
        byte[] w = wav(1.5);
        ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 13); // 13 bits per sample
        AudioException e = assertThrows(AudioException.class, () -> decoding.decode(w));
        assertTrue(e.reason() == Reason.CORRUPT || e.reason() == Reason.UNSUPPORTED, e.getMessage());
        byte[] mp3 = CompressedFormatsTest.fixture("tone_440hz_44100_stereo_3s.mp3");
        byte[] garbage = new byte[20_000];
        new java.util.SplittableRandom(1).nextBytes(garbage);
        System.arraycopy(mp3, 0, garbage, 0, 4); // a valid first frame header, then noise
        assertReason(Reason.CORRUPT, () -> decoding.decode(Arrays.copyOf(garbage, 2000)));
    }

    @Test
    void tooShort() {
        assertReason(Reason.TOO_SHORT, () -> AudioAnalyzer.defaults().analyze(wav(0.5)));
    }

    @Test
    void longInputIsCutAtTheDurationLimit() {
        DecodedAudio d = new AudioDecoding(DecodeLimits.DEFAULT.withMaxSeconds(2.0)).decode(wav(5.0));
        assertTrue(d.truncated());
        assertEquals(2 * 22050, d.samples().length);
        DecodedAudio bySamples = new AudioDecoding(DecodeLimits.DEFAULT.withMaxSamples(30_000)).decode(wav(5.0));
        assertTrue(bySamples.truncated());
        assertEquals(30_000, bySamples.samples().length);
    }

    @Test
    void anOutOfMemoryErrorIsDamageOnlyWhenTheHeapWasNotFull() {
        long max = 1_000_000_000L;
        // One absurd request from a damaged header fails with the heap mostly free: CORRUPT.
        assertFalse(AudioDecoding.heapExhausted(200_000_000L, max));
        assertFalse(AudioDecoding.heapExhausted(850_000_000L, max));
        // A full heap (too much in flight): rethrown for the caller to retry, not blamed on the song.
        assertTrue(AudioDecoding.heapExhausted(850_000_001L, max));
        assertTrue(AudioDecoding.heapExhausted(990_000_000L, max));
    }
}
