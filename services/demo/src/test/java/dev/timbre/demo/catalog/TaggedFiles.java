package dev.timbre.demo.catalog;

import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;

/**
 * A messy music folder for tests: tagged MP3 and FLAC (timbre-audio's committed tone fixtures, tagged here with
 * jaudiotagger), generated WAV, and the non-audio a real library holds.
 */
public final class TaggedFiles {
    static final Path FIXTURES = Path.of("../audio/src/test/resources/fixtures");

    private TaggedFiles() {
    }

    /** Copies a fixture (mp3 or flac) to {@code target} and writes its title, artist and album tags. */
    public static Path tagged(Path target, String extension, String title, String artist, String album) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(FIXTURES.resolve(extension.equals("mp3") ? "tone_440hz_44100_stereo_3s.mp3"
                : "tone_1000hz_48000_mono_3s.flac"), target);
        return tag(target, extension, title, artist, album);
    }

    /** A synthetic WAV of a genre the synthesiser knows, with title, artist and album in its INFO chunk. */
    public static Path taggedWav(Path target, String genre, long seed, double seconds, String title, String artist,
                                 String album) throws IOException {
        wav(target, genre, seed, seconds);
        return tag(target, "wav", title, artist, album);
    }

    /** Writes title, artist and album into {@code target}'s tag (created when missing), as a tagger would. */
    private static Path tag(Path target, String extension, String title, String artist, String album) throws IOException {
        try {
            AudioFile audio = AudioFileIO.readAs(target.toFile(), extension);
            Tag tag = audio.getTagOrCreateAndSetDefault();
            tag.setField(FieldKey.TITLE, title);
            tag.setField(FieldKey.ARTIST, artist);
            tag.setField(FieldKey.ALBUM, album);
            audio.commit();
        } catch (Exception e) {
            throw new IOException("cannot tag " + target + ": " + e, e);
        }
        return target;
    }

    /** An untagged synthetic WAV of a genre the synthesiser knows. */
    public static Path wav(Path target, String genre, long seed, double seconds) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.write(target, WavWriter.toBytes(SyntheticGenres.render(genre, seed, seconds), SyntheticGenres.SAMPLE_RATE));
    }

    /** cover.jpg, README.md, .DS_Store, AUDIO_INFO.tsv, a playlist and an empty file, as a real folder has them. */
    public static void clutter(Path folder) throws IOException {
        Files.write(folder.resolve("cover.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'});
        Files.writeString(folder.resolve("README.md"), "# My music\nRipped from my CDs.\n");
        Files.write(folder.resolve(".DS_Store"), new byte[] {0, 0, 0, 1, 'B', 'u', 'd', '1', 0, 0, 16, 0});
        Files.writeString(folder.resolve("AUDIO_INFO.tsv"), "file\tartist\ttitle\nx.mp3\ta\tb\n");
        Files.writeString(folder.resolve("favourites.m3u"), "#EXTM3U\nrock/one.mp3\n");
        Files.write(folder.resolve("empty.mp3"), new byte[0]);
    }
}
