package dev.timbre.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.trainer.data.SongSources;
import dev.timbre.trainer.data.SplitMode;
import dev.timbre.audio.io.WavWriter;
import dev.timbre.trainer.eval.Evaluation;
import dev.timbre.trainer.export.ModelCard;
import dev.timbre.trainer.model.Architecture;
import dev.timbre.trainer.train.TrainingOptions;

/** Trains the reference CNN on a small synthetic corpus and checks held-out accuracy, export and report. */
class SyntheticTrainingTest {

    @Test
    void learnsSyntheticGenresFarAboveChanceOnHeldOutSongs(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        SongSources.Loaded data = new SongSources(2, out).synthetic(SONGS_PER_GENRE, SECONDS, 5);
        assertEquals(10 * SONGS_PER_GENRE, data.songs().size());

        TrainingOptions options = new TrainingOptions(EPOCHS, 4, 12, 8, 1e-3f, 5, 1);
        TrainingRun.Result r = new TrainingRun(options, out).run(data, 0.6, 0.2,
                List.of(Architecture.reference()), dir.resolve("genre-cnn"), dir.resolve("report"));
        System.out.println(log.toString(StandardCharsets.UTF_8).replace('\r', '\n'));

        Evaluation e = r.models().get(0).test();
        assertEquals(20, e.songs().total(), "2 test songs per genre");
        assertTrue(e.windowAccuracy() > 0.6, "held-out window accuracy " + e.windowAccuracy() + " (chance 0.1)");
        assertTrue(e.songAccuracy() > 0.6, "held-out song accuracy " + e.songAccuracy());
        assertTrue(r.djlMaxAbsDifference() <= 1e-5, "DJL vs training graph " + r.djlMaxAbsDifference());

        Map<String, Object> card = ModelCard.read(dir.resolve("genre-cnn"));
        assertEquals(SyntheticGenres.GENRES.stream().sorted().toList(), card.get("genres"));
        assertEquals(AudioAnalyzer.EXTRACTOR_VERSION, card.get("extractorVersion"));
        assertTrue(((String) card.get("modelVersion")).startsWith("cnn-ref-"));
        for (String f : List.of("evaluation.json", "evaluation.md", "confusion-reference-windows.png",
                "confusion-reference-songs.png")) {
            assertTrue(Files.size(dir.resolve("report").resolve(f)) > 100, f);
        }
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("val_acc"), "per-epoch metrics printed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLogMelModelOnThreeGenresInTrainValidFoldersCarriesTheDatasTaxonomy(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        List<String> genres = List.of("metal", "blues", "classical");   // written unsorted; labels come out sorted
        for (String part : List.of("train", "valid")) {
            for (String genre : genres) {
                for (int i = 0; i < (part.equals("train") ? 5 : 2); i++) {
                    Path f = data.resolve(part).resolve(genre).resolve(genre + i + ".wav");
                    Files.createDirectories(f.getParent());
                    WavWriter.write(f, SyntheticGenres.render(genre, (part.equals("train") ? 100 : 900) + i, 6.5),
                            SyntheticGenres.SAMPLE_RATE);
                }
            }
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        SongSources.Loaded loaded = new SongSources(2, out, 1.5).folders(List.of(data), SplitMode.FOLDERS);
        assertEquals(List.of("blues", "classical", "metal"), loaded.genres());
        TrainingOptions options = new TrainingOptions(12, 12, 3, 8, 1e-3f, 5, 1, TrainingOptions.Recipe.recordings(0));
        TrainingRun.Result r = new TrainingRun(options, out).run(loaded, 0.6, 0.2,
                List.of(Architecture.shortChunk().withFilters(new int[] {8, 16, 16})), dir.resolve("genre-cnn"),
                dir.resolve("report"));
        System.out.println(log.toString(StandardCharsets.UTF_8).replace('\r', '\n'));

        Map<String, Object> card = ModelCard.read(dir.resolve("genre-cnn"));
        assertEquals(List.of("blues", "classical", "metal"), card.get("genres"));
        assertEquals("logmel", ((Map<String, Object>) card.get("names")).get("input"));
        Map<String, Object> valid = (Map<String, Object>) ((Map<String, Object>) card.get("evaluation")).get("all valid/ parts");
        assertEquals(6, ((Number) valid.get("songs")).intValue(), "held out: the valid/ folder's songs");
        assertTrue(((Number) valid.get("songAccuracy")).doubleValue() > 0.5, "3 synthetic genres: " + valid);
        assertTrue(r.djlMaxAbsDifference() <= 1e-5);
        try (var model = dev.timbre.trainer.export.ExportedModel.load(dir.resolve("genre-cnn"))) {
            assertEquals(List.of("blues", "classical", "metal"), model.descriptor().genres());
            assertTrue(model.descriptor().readsLogMel());
        }
        assertTrue(Files.readString(dir.resolve("report/evaluation.md")).contains("valid/ part"));
    }

    static final int SONGS_PER_GENRE = 10;
    static final double SECONDS = 12;
    static final int EPOCHS = 25;
}
