package dev.timbre.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;

class SongSourcesTest {

    private final SongSources sources = new SongSources(2, new PrintStream(new ByteArrayOutputStream()));

    private static void song(Path dir, String genre, int seed, double seconds) throws Exception {
        Files.createDirectories(dir);
        WavWriter.write(dir.resolve(genre + "." + seed + ".wav"), SyntheticGenres.render(genre, seed, seconds),
                SyntheticGenres.SAMPLE_RATE);
    }

    @Test
    void genresAreTheFolderNamesAndWhatCannotBeUsedIsListed(@TempDir Path root) throws Exception {
        for (String genre : new String[] {"jazz", "Metal"}) {
            for (int i = 0; i < 2; i++) {
                song(root.resolve(genre), genre.toLowerCase(), i, 4.0);
            }
        }
        Files.write(root.resolve("jazz/broken.wav"), "RIFF....WAVEfmt garbage".getBytes());
        WavWriter.write(root.resolve("Metal/too-short.wav"), new float[2000], SyntheticGenres.SAMPLE_RATE);
        Files.createDirectories(root.resolve("polka"));
        WavWriter.write(root.resolve("polka/x.wav"), new float[70000], SyntheticGenres.SAMPLE_RATE);
        Files.writeString(root.resolve("jazz/README.txt"), "not audio");

        SongSources.Loaded loaded = sources.folders(List.of(root), SplitMode.RANDOM);

        assertEquals(List.of("jazz", "metal", "polka"), loaded.genres(), "sorted folder names, lower case");
        assertEquals(5, loaded.songs().size(), loaded.skipped().toString());
        for (Song s : loaded.songs()) {
            String genre = s.id().contains("/jazz/") ? "jazz" : s.id().contains("/Metal/") ? "metal" : "polka";
            assertEquals(loaded.genres().indexOf(genre), s.genre(), s.id());
            assertEquals(1, s.windows().size(), "4 s of audio = one 3 s window");
            assertEquals(130 * 13, s.windows().get(0).mfcc().length);
            assertEquals(130 * 128, s.windows().get(0).logMel().length);
        }
        assertEquals(3, loaded.skipped().size(), loaded.skipped().toString());
        assertTrue(loaded.skipped().stream().anyMatch(s -> s.contains("README.txt") && s.contains("not an audio")));
        assertTrue(loaded.skipped().stream().anyMatch(s -> s.contains("broken.wav")));
        assertTrue(loaded.skipped().stream().anyMatch(s -> s.contains("too-short.wav") && s.contains("TOO_SHORT")));
        assertEquals(SplitMode.RANDOM, loaded.split());
    }

    @Test
    void foldersGiveTheSplitAtAnyDepthAndTheTrainingPartGivesTheGenres(@TempDir Path root) throws Exception {
        song(root.resolve("train/blues"), "blues", 1, 3.5);
        song(root.resolve("train/rock"), "rock", 2, 3.5);
        song(root.resolve("valid/blues"), "blues", 3, 3.5);
        song(root.resolve("valid/country"), "country", 4, 3.5);              // no training songs
        song(root.resolve("extra/short-clips/train/classical"), "classical", 5, 3.5);
        song(root.resolve("extra/short-clips/valid/classical"), "classical", 6, 3.5);
        song(root.resolve("extra/fma/rock"), "rock", 7, 3.5);                // no part

        SongSources.Loaded loaded = sources.folders(List.of(root), SplitMode.FOLDERS);

        assertEquals(List.of("blues", "classical", "rock"), loaded.genres());
        SongSplit split = SongSplit.byParts(loaded.songs());
        assertEquals(3, split.train().size());
        assertEquals(2, split.validation().size());
        assertEquals(0, split.test().size());
        assertTrue(split.validation().stream().anyMatch(s -> s.id().contains("extra/short-clips/valid/classical")));
        assertTrue(loaded.skipped().stream().anyMatch(s -> s.contains("valid/country") && s.contains("no training songs")),
                loaded.skipped().toString());
        assertTrue(loaded.skipped().stream().anyMatch(s -> s.contains("extra/fma/rock") && s.contains("no train/valid/test")),
                loaded.skipped().toString());
    }

    @Test
    void rootsCanBeGivenSeparatelyAndARootNamedAfterAPartIsThatPart(@TempDir Path root) throws Exception {
        song(root.resolve("a/train/jazz"), "jazz", 1, 3.5);
        song(root.resolve("b/valid/jazz"), "jazz", 2, 3.5);
        SongSources.Loaded loaded = sources.folders(List.of(root.resolve("a/train"), root.resolve("b")), SplitMode.FOLDERS);
        SongSplit split = SongSplit.byParts(loaded.songs());
        assertEquals("train/jazz/jazz.1.wav", split.train().get(0).id());
        assertEquals("b/valid/jazz/jazz.2.wav", split.validation().get(0).id());
    }

    @Test
    void aLayoutThatDoesNotFitTheSplitModeIsAClearError(@TempDir Path root) throws Exception {
        song(root.resolve("flat/jazz"), "jazz", 1, 3.5);
        IllegalArgumentException noParts = assertThrows(IllegalArgumentException.class,
                () -> sources.folders(List.of(root.resolve("flat")), SplitMode.FOLDERS));
        assertTrue(noParts.getMessage().contains("--split random"), noParts.getMessage());

        song(root.resolve("parts/train/jazz"), "jazz", 2, 3.5);
        IllegalArgumentException parts = assertThrows(IllegalArgumentException.class,
                () -> sources.folders(List.of(root.resolve("parts")), SplitMode.RANDOM));
        assertTrue(parts.getMessage().contains("--split folders"), parts.getMessage());

        Files.createDirectories(root.resolve("nothing/here"));
        Files.writeString(root.resolve("nothing/here/notes.txt"), "x");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> sources.folders(List.of(root.resolve("nothing")), SplitMode.FOLDERS));
        assertTrue(none.getMessage().contains("1 file(s)") && none.getMessage().contains("here/notes.txt"), none.getMessage());

        assertThrows(IllegalArgumentException.class, () -> sources.folders(List.of(root.resolve("nope")), SplitMode.FOLDERS));
    }

    @Test
    void overlappingTrainingWindowsContainTheServiceWindows(@TempDir Path root) throws Exception {
        song(root.resolve("jazz"), "jazz", 1, 9.0);
        Song dense = new SongSources(1, new PrintStream(new ByteArrayOutputStream()), 0.5)
                .folders(List.of(root), SplitMode.RANDOM).songs().get(0);
        Song service = sources.folders(List.of(root), SplitMode.RANDOM).songs().get(0);
        assertEquals(13, dense.windows().size(), "a window every 0.5 s in 9 s");
        assertEquals(service.windows().size(), dense.evaluationWindows().size());
        for (int i = 0; i < service.windows().size(); i++) {
            assertArrayEquals(service.windows().get(i).logMel(), dense.evaluationWindows().get(i).logMel(), 0f);
        }
        assertThrows(IllegalArgumentException.class, () -> new SongSources(1, System.out, 0.7));
    }

    @Test
    void syntheticSongsAreSeededAndLabelledInSortedGenreOrder() {
        SongSources.Loaded a = sources.synthetic(1, 3.5, 9);
        SongSources.Loaded b = sources.synthetic(1, 3.5, 9);
        assertEquals(10, a.songs().size());
        assertEquals(SyntheticGenres.GENRES.stream().sorted().toList(), a.genres());
        for (int g = 0; g < 10; g++) {
            assertEquals(g, a.songs().get(g).genre());
            assertTrue(a.songs().get(g).id().contains(a.genres().get(g)));
            assertArrayEquals(a.songs().get(g).windows().get(0).mfcc(), b.songs().get(g).windows().get(0).mfcc());
        }
        SongSources.Loaded three = sources.synthetic(List.of("rock", "blues", "jazz"), 1, 3.5, 9, Augmentation.NONE);
        assertEquals(List.of("blues", "jazz", "rock"), three.genres());
    }
}
