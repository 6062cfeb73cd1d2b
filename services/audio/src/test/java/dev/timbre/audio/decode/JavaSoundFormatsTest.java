package dev.timbre.audio.decode;

import dev.timbre.audio.Signals;
import dev.timbre.audio.io.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** WAV/AU/AIFF written by Java Sound in several sample formats decode back to the same signal, downmixed. */
class JavaSoundFormatsTest {

    /** Encodes {@code left/right} (stereo when right != null) with Java Sound in the given layout. */
    static byte[] encode(AudioFileFormat.Type type, float[] left, float[] right, int rate, int bits,
                         boolean signed, boolean bigEndian) throws IOException {
        int channels = right == null ? 1 : 2;
        int bytes = bits / 8;
        byte[] pcm = new byte[left.length * channels * bytes];
        int p = 0;
        double full = (1L << (bits - 1)) - 1;
        for (int i = 0; i < left.length; i++) {
            for (int c = 0; c < channels; c++) {
                long v = Math.round((c == 0 ? left[i] : right[i]) * full);
                if (!signed) {
                    v += 1L << (bits - 1);
                }
                for (int b = 0; b < bytes; b++) {
                    int shift = bigEndian ? 8 * (bytes - 1 - b) : 8 * b;
                    pcm[p++] = (byte) (v >> shift);
                }
            }
        }
        AudioFormat fmt = new AudioFormat(signed ? AudioFormat.Encoding.PCM_SIGNED : AudioFormat.Encoding.PCM_UNSIGNED,
                rate, bits, channels, bytes * channels, rate, bigEndian);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), fmt, left.length), type, out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @CsvSource({
            "WAVE, WAV,  44100, 16, true,  false",
            "WAVE, WAV,  22050, 8,  false, false",
            "WAVE, WAV,  48000, 24, true,  false",
            "WAVE, WAV,  16000, 32, true,  false",
            "AU,   AU,   32000, 16, true,  true",
            "AIFF, AIFF, 44100, 16, true,  true",
            "AIFF, AIFF, 11025, 24, true,  true",
    })
    void stereoDownmixesToTheMean(String type, AudioFormatKind kind, int rate, int bits, boolean signed, boolean big) throws IOException {
        float[] left = Signals.sine(500, 1.2, rate, 0.6);
        float[] right = Signals.sine(500, 1.2, rate, 0.2);
        byte[] file = encode(new AudioFileFormat.Type(type, type.toLowerCase()), left, right, rate, bits, signed, big);
        assertEquals(kind, FormatSniffer.sniff(file).orElseThrow());
        DecodedAudio audio = new AudioDecoding(DecodeLimits.DEFAULT).decode(file);
        assertEquals(kind, audio.format());
        assertEquals(rate, audio.sampleRate());
        assertEquals(2, audio.channels());
        assertEquals(left.length, audio.samples().length);
        double tol = 2.0 / (1L << (bits - 1));
        for (int i = 0; i < left.length; i++) {
            assertEquals((left[i] + right[i]) / 2, audio.samples()[i], tol, "sample " + i);
        }
    }

    @Test
    void wavWriterRoundTripsThroughJavaSoundAndOurReader() throws Exception {
        float[] x = Signals.sine(440, 1.0, 22050, 0.9);
        byte[] wav = WavWriter.toBytes(x, 22050);
        AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav));
        assertEquals(22050f, in.getFormat().getSampleRate());
        assertEquals(16, in.getFormat().getSampleSizeInBits());
        assertEquals(1, in.getFormat().getChannels());
        assertEquals(x.length, in.getFrameLength());
        DecodedAudio back = new AudioDecoding(DecodeLimits.DEFAULT).decode(wav);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], back.samples()[i], 0.5 / 32768 + 1e-9);
        }
    }

    @Test
    void muLawAuIsConvertedToPcm() throws Exception {
        float[] x = Signals.sine(300, 1.5, 8000, 0.5);
        byte[] pcm16 = encode(AudioFileFormat.Type.WAVE, x, null, 8000, 16, true, false);
        try (AudioInputStream src = AudioSystem.getAudioInputStream(new ByteArrayInputStream(pcm16))) {
            AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AudioSystem.write(AudioSystem.getAudioInputStream(ulaw, src), AudioFileFormat.Type.AU, out);
            DecodedAudio audio = new AudioDecoding(DecodeLimits.DEFAULT).decode(out.toByteArray());
            assertEquals(AudioFormatKind.AU, audio.format());
            assertEquals(x.length, audio.samples().length);
            assertEquals(300, Signals.dominantHz(audio.samples(), 0, 8192, 8000), 1.0);
            assertEquals(0.5 / Math.sqrt(2), Signals.rms(audio.samples(), 0, x.length), 0.01);
        }
    }
}
