package dev.timbre.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.timbre.audio.features.WindowTensor;
import dev.timbre.trainer.data.Song;
import dev.timbre.trainer.data.WindowBatch;
import dev.timbre.trainer.model.InputFeature;
import dev.timbre.trainer.train.EpochStats;
import dev.timbre.trainer.train.Predictions;

class EvaluationReportTest {

    private static final List<String> LABELS = List.of("a", "b", "c");

    @Test
    void precisionRecallAndAccuracy() {
        ConfusionMatrix m = new ConfusionMatrix(LABELS);
        m.add(0, 0);
        m.add(0, 0);
        m.add(0, 1);
        m.add(1, 1);
        m.add(2, 1);
        assertEquals(3.0 / 5, m.accuracy(), 1e-12);
        assertEquals(1.0, m.precision(0), 1e-12);
        assertEquals(2.0 / 3, m.recall(0), 1e-12);
        assertEquals(1.0 / 3, m.precision(1), 1e-12);
        assertEquals(0.0, m.recall(2), 1e-12);
        assertTrue(Double.isNaN(m.precision(2)), "nothing predicted as c");
    }

    private static WindowTensor blank(int index) {
        return new WindowTensor(index, 3.0 * index, new float[WindowTensor.FRAMES * WindowTensor.N_MFCC], new float[0]);
    }

    @Test
    void songLevelAveragesWindowProbabilities() {
        // song 0 (label a): windows lean b, a, a -> window acc 2/3, mean favours a
        List<Song> songs = List.of(
                new Song("s0", 0, List.of(blank(0), blank(1), blank(2))),
                new Song("s1", 2, List.of(blank(0))));
        WindowBatch batch = new WindowBatch(songs, InputFeature.MFCC, true);
        float[][] probs = {{0.4f, 0.6f, 0f}, {0.9f, 0.1f, 0f}, {0.6f, 0.4f, 0f}, {0.2f, 0.7f, 0.1f}};
        Evaluation e = Evaluation.of("m", new Predictions(batch, probs, new float[4][0], 0.5), LABELS);
        assertEquals(2.0 / 4, e.windowAccuracy(), 1e-12);
        assertEquals(1.0 / 2, e.songAccuracy(), 1e-12);
        assertEquals(1, e.songs().count(0, 0));
        assertEquals(1, e.songs().count(2, 1));
    }

    @Test
    void writesJsonMarkdownAndLabelledPng(@TempDir Path dir) throws Exception {
        List<Song> songs = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            songs.add(new Song("s" + g, g, List.of(blank(0))));
        }
        float[][] probs = {{1, 0, 0}, {0, 1, 0}, {0, 1, 0}};
        Evaluation e = Evaluation.of("reference", new Predictions(new WindowBatch(songs, InputFeature.MFCC, true), probs, new float[3][0], 0.1), LABELS);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("data", "unit test");
        EvaluationReport.write(dir, run, List.of(new EvaluationReport.ModelResult(e,
                List.of(new EpochStats(1, 1.0, 0.5, 0.9, 0.6, 0.6, 0.5, 0.5, 1e-3, 0.1)), 1, 123)));

        JsonNode json = new ObjectMapper().readTree(dir.resolve("evaluation.json").toFile());
        assertEquals(2.0 / 3, json.at("/models/0/windowAccuracy").asDouble(), 1e-12);
        assertEquals("c", json.at("/models/0/perGenre/2/genre").asText());
        assertEquals(0.0, json.at("/models/0/perGenre/2/windowRecall").asDouble(), 1e-12);
        String md = Files.readString(dir.resolve("evaluation.md"));
        assertTrue(md.contains("| reference | 123 | 0.667 | 0.667 |"), md);
        BufferedImage png = ImageIO.read(dir.resolve("confusion-reference-windows.png").toFile());
        assertTrue(png.getWidth() > 200 && png.getHeight() > 200);
        assertTrue(Files.exists(dir.resolve("confusion-reference-songs.png")));
    }
}
