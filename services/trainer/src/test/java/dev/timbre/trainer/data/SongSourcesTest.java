package dev.timbre.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;

class SongSourcesTest {

    private final SongSources sources = new SongSources(2, new PrintStream(new ByteArrayOutputStream()));

    @Test
    void readsGenreFoldersAndSkipsWhatItCannotUse(@TempDir Path root) throws Exception {
        for (String genre : new String[] {"jazz", "Metal"}) {
            Path dir = Files.createDirectories(root.resolve(genre));
            for (int i = 0; i < 2; i++) {
                WavWriter.write(dir.resolve("song" + i + ".wav"),
                        SyntheticGenres.render(genre.toLowerCase(), i, 4.0), SyntheticGenres.SAMPLE_RATE);
            }
        }
        Files.write(root.resolve("jazz/broken.wav"), "RIFF....WAVEfmt garbage".getBytes());
        WavWriter.write(root.resolve("Metal/too-short.wav"), new float[2000], SyntheticGenres.SAMPLE_RATE);
        Files.createDirectories(root.resolve("polka"));
        WavWriter.write(root.resolve("polka/x.wav"), new float[70000], SyntheticGenres.SAMPLE_RATE);
        Files.writeString(root.resolve("jazz/README.txt"), "not audio");

        SongSources.Loaded loaded = sources.folder(root);

        assertEquals(4, loaded.songs().size(), loaded.skipped().toString());
        for (Song s : loaded.songs()) {
            int expected = SongSources.GENRES.indexOf(s.id().startsWith("jazz") ? "jazz" : "metal");
            assertEquals(expected, s.genre(), s.id());
            assertEquals(1, s.windows().size(), "4 s of audio = one 3 s window");
            assertEquals(130 * 13, s.windows().get(0).length);
        }
        assertEquals(3, loaded.skipped().size(), loaded.skipped().toString());
        assertTrue(loaded.skipped().stream().anyMatch(s -> s.startsWith("polka")));
        assertTrue(loaded.skipped().stream().anyMatch(s -> s.contains("broken.wav")));
        assertTrue(loaded.skipped().stream().anyMatch(s -> s.contains("too-short.wav")));
    }

    @Test
    void syntheticSongsAreSeededAndLabelledInGenreOrder() {
        SongSources.Loaded a = sources.synthetic(1, 3.5, 9);
        SongSources.Loaded b = sources.synthetic(1, 3.5, 9);
        assertEquals(10, a.songs().size());
        for (int g = 0; g < 10; g++) {
            assertEquals(g, a.songs().get(g).genre());
            assertTrue(a.songs().get(g).id().contains(SongSources.GENRES.get(g)));
            assertArrayEquals(a.songs().get(g).windows().get(0), b.songs().get(g).windows().get(0));
        }
    }

    @Test
    void findsGenreFoldersNestedLikeGtzan(@TempDir Path root) throws Exception {
        Path blues = Files.createDirectories(root.resolve("Data/genres_original/blues"));
        Files.createDirectories(root.resolve("Data/images_original/blues"));   // sorted after: not chosen
        WavWriter.write(blues.resolve("blues.00000.wav"), SyntheticGenres.render("blues", 1, 3.2), SyntheticGenres.SAMPLE_RATE);
        SongSources.Loaded loaded = sources.folder(root);
        assertEquals(1, loaded.songs().size());
        assertEquals("blues/blues.00000.wav", loaded.songs().get(0).id());
        Files.createDirectories(root.resolve("empty/nothing"));
        assertThrows(IllegalArgumentException.class, () -> sources.folder(root.resolve("empty")));
    }

    @Test
    void missingFolderIsAClearError(@TempDir Path root) {
        assertThrows(IllegalArgumentException.class, () -> sources.folder(root.resolve("nope")));
    }
}
