package dev.timbre.ingest.metadata;

import dev.timbre.audio.io.WavWriter;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Audio files for tests, tagged with jaudiotagger itself: MP3, FLAC and Ogg from timbre-audio's committed tone
 * fixtures, WAV and AIFF generated here.
 */
public final class TaggedAudio {
    static final Path FIXTURES = Path.of("../audio/src/test/resources/fixtures");

    private TaggedAudio() {
    }

    /** A copy of a 3 s tone in {@code extension} (mp3, flac, ogg, wav, aif) under {@code dir}, with these tags. */
    public static Path file(Path dir, String name, String extension, Map<FieldKey, String> tags) throws IOException {
        Path file = dir.resolve(name + "." + extension);
        switch (extension) {
            case "mp3" -> Files.copy(FIXTURES.resolve("tone_440hz_44100_stereo_3s.mp3"), file);
            case "flac" -> Files.copy(FIXTURES.resolve("tone_1000hz_48000_mono_3s.flac"), file);
            case "ogg" -> Files.copy(FIXTURES.resolve("tone_660hz_22050_stereo_3s.ogg"), file);
            case "wav" -> Files.write(file, WavWriter.toBytes(tone(3), 22_050));
            case "aif" -> Files.write(file, aiff(tone(3), 22_050));
            default -> throw new IllegalArgumentException(extension);
        }
        if (!tags.isEmpty()) {
            try {
                AudioFile audio = AudioFileIO.read(file.toFile());
                Tag tag = audio.getTagOrCreateAndSetDefault();
                for (Map.Entry<FieldKey, String> e : tags.entrySet()) {
                    tag.setField(e.getKey(), e.getValue());
                }
                audio.commit();
            } catch (Exception e) {
                throw new IOException("cannot tag " + file + ": " + e, e);
            }
        }
        return file;
    }

    public static Map<FieldKey, String> standardTags(String title, String artist) {
        return Map.of(FieldKey.TITLE, title, FieldKey.ARTIST, artist, FieldKey.ALBUM, "Kind of Test",
                FieldKey.YEAR, "1959", FieldKey.TRACK, "3", FieldKey.GENRE, "Jazz");
    }

    static float[] tone(double seconds) {
        float[] samples = new float[(int) (seconds * 22_050)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 22_050.0));
        }
        return samples;
    }

    /** A 16-bit mono AIFF (FORM/COMM/SSND). */
    static byte[] aiff(float[] samples, int rate) throws IOException {
        ByteArrayOutputStream comm = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(comm);
        c.writeShort(1);
        c.writeInt(samples.length);
        c.writeShort(16);
        c.write(extended(rate));
        ByteArrayOutputStream ssnd = new ByteArrayOutputStream();
        DataOutputStream s = new DataOutputStream(ssnd);
        s.writeInt(0);
        s.writeInt(0);
        for (float v : samples) {
            s.writeShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.writeBytes("FORM");
        o.writeInt(4 + 8 + comm.size() + 8 + ssnd.size());
        o.writeBytes("AIFF");
        o.writeBytes("COMM");
        o.writeInt(comm.size());
        o.write(comm.toByteArray());
        o.writeBytes("SSND");
        o.writeInt(ssnd.size());
        o.write(ssnd.toByteArray());
        return out.toByteArray();
    }

    /** An 80-bit IEEE extended of a positive integer (AIFF's sample rate). */
    private static byte[] extended(int value) {
        int exponent = 16383 + 31 - Integer.numberOfLeadingZeros(value);
        long mantissa = ((long) value) << (63 - (31 - Integer.numberOfLeadingZeros(value)));
        byte[] b = new byte[10];
        b[0] = (byte) (exponent >> 8);
        b[1] = (byte) exponent;
        for (int i = 0; i < 8; i++) {
            b[2 + i] = (byte) (mantissa >>> (56 - 8 * i));
        }
        return b;
    }
}
