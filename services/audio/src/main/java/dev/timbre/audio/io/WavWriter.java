package dev.timbre.audio.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes mono float samples as a canonical 44-byte-header RIFF/WAVE file, 16-bit signed PCM.
 * Samples are scaled by 32768, rounded and clipped to [-32768, 32767], the exact inverse of the
 * {@code int16/32768} reading convention of soundfile/librosa (and of our decoder), so a round trip
 * changes each sample by at most half a step (1/65536).
 */
public final class WavWriter {

    private WavWriter() {
    }

    public static void write(Path file, float[] samples, int sampleRate) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, samples, sampleRate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] toBytes(float[] samples, int sampleRate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + 2 * samples.length);
        try {
            write(out, samples, sampleRate);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen for a byte array
        }
        return out.toByteArray();
    }

    /** Writes the WAV to {@code out} (not closed). */
    public static void write(OutputStream out, float[] samples, int sampleRate) throws IOException {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be > 0");
        }
        long dataBytes = 2L * samples.length;
        if (dataBytes + 36 > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("too long for a RIFF file");
        }
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes)).put(new byte[] {'W', 'A', 'V', 'E'});
        h.put(new byte[] {'f', 'm', 't', ' '}).putInt(16)
                .putShort((short) 1)             // PCM
                .putShort((short) 1)             // mono
                .putInt(sampleRate)
                .putInt(sampleRate * 2)          // byte rate
                .putShort((short) 2)             // block align
                .putShort((short) 16);           // bits per sample
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        out.write(h.array());
        byte[] buf = new byte[8192];
        int p = 0;
        for (float s : samples) {
            float c = Float.isNaN(s) ? 0f : s;
            int v = (int) Math.max(-32768, Math.min(32767, Math.round(c * 32768.0)));
            buf[p++] = (byte) v;
            buf[p++] = (byte) (v >> 8);
            if (p == buf.length) {
                out.write(buf, 0, p);
                p = 0;
            }
        }
        out.write(buf, 0, p);
    }
}
