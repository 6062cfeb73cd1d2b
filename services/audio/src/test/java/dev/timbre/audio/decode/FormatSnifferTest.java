package dev.timbre.audio.decode;

import dev.timbre.audio.Signals;
import dev.timbre.audio.io.WavWriter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatSnifferTest {

    @Test
    void recognisesEveryFormatByContent() throws IOException {
        assertEquals(Optional.of(AudioFormatKind.WAV), FormatSniffer.sniff(WavWriter.toBytes(new float[10], 22050)));
        assertEquals(Optional.of(AudioFormatKind.MP3), FormatSniffer.sniff(CompressedFormatsTest.fixture("tone_440hz_44100_stereo_3s.mp3")));
        assertEquals(Optional.of(AudioFormatKind.FLAC), FormatSniffer.sniff(CompressedFormatsTest.fixture("tone_1000hz_48000_mono_3s.flac")));
        assertEquals(Optional.of(AudioFormatKind.OGG_VORBIS), FormatSniffer.sniff(CompressedFormatsTest.fixture("tone_660hz_22050_stereo_3s.ogg")));
        float[] x = Signals.sine(100, 0.1, 8000, 0.5);
        assertEquals(Optional.of(AudioFormatKind.AU), FormatSniffer.sniff(JavaSoundFormatsTest.encode(
                javax.sound.sampled.AudioFileFormat.Type.AU, x, null, 8000, 16, true, true)));
        assertEquals(Optional.of(AudioFormatKind.AIFF), FormatSniffer.sniff(JavaSoundFormatsTest.encode(
                javax.sound.sampled.AudioFileFormat.Type.AIFF, x, null, 8000, 16, true, true)));
        assertEquals("audio/mpeg", AudioFormatKind.MP3.mimeType());
        assertEquals("audio/ogg", AudioFormatKind.OGG_VORBIS.mimeType());
    }

    @Test
    void id3TagIsSkippedToFindTheCodec() {
        byte[] tag = id3(100);
        byte[] flac = concat(tag, "fLaC".getBytes(StandardCharsets.US_ASCII), new byte[40]);
        assertEquals(Optional.of(AudioFormatKind.FLAC), FormatSniffer.sniff(flac));
        byte[] mp3 = concat(tag, new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64}, new byte[40]);
        assertEquals(Optional.of(AudioFormatKind.MP3), FormatSniffer.sniff(mp3));
        // Tag bigger than the head we were given: assume MP3 (what carries ID3 in practice).
        assertEquals(Optional.of(AudioFormatKind.MP3), FormatSniffer.sniff(Arrays.copyOf(id3(100_000), 4096)));
    }

    @Test
    void rejectsLookalikes() {
        assertEquals(Optional.empty(), FormatSniffer.sniff(new byte[0]));
        assertEquals(Optional.empty(), FormatSniffer.sniff("RIFF....AVI LIST".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), FormatSniffer.sniff("%PDF-1.7 hello world".getBytes(StandardCharsets.US_ASCII)));
        // AAC ADTS shares the 12-bit sync but has layer 00.
        assertEquals(Optional.empty(), FormatSniffer.sniff(new byte[] {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80, 0, 0}));
        // Ogg Opus is a valid Ogg but not Vorbis.
        byte[] opus = new byte[64];
        System.arraycopy("OggS".getBytes(StandardCharsets.US_ASCII), 0, opus, 0, 4);
        System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, opus, 28, 8);
        assertEquals(Optional.empty(), FormatSniffer.sniff(opus));
    }

    private static byte[] id3(int size) {
        byte[] t = new byte[10 + size];
        t[0] = 'I';
        t[1] = 'D';
        t[2] = '3';
        t[3] = 4;
        t[6] = (byte) ((size >> 21) & 0x7f);
        t[7] = (byte) ((size >> 14) & 0x7f);
        t[8] = (byte) ((size >> 7) & 0x7f);
        t[9] = (byte) (size & 0x7f);
        return t;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
