package dev.timbre.trainer.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.timbre.trainer.train.EpochStats;

/**
 * Writes the evaluation of a run: {@code evaluation.json}, {@code evaluation.md} and one confusion-matrix
 * PNG per model (window and song level). The first model is the one exported.
 */
public final class EvaluationReport {

    /** One evaluated model with its training history. */
    public record ModelResult(Evaluation test, List<EpochStats> history, int bestEpoch, long trainableParameters) {
    }

    private EvaluationReport() {
    }

    public static void write(Path dir, Map<String, Object> run, List<ModelResult> models) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>(run);
        List<Map<String, Object>> modelJson = new ArrayList<>();
        for (ModelResult m : models) {
            Evaluation e = m.test();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", e.model());
            o.put("trainableParameters", m.trainableParameters());
            o.put("windowAccuracy", e.windowAccuracy());
            o.put("songAccuracy", e.songAccuracy());
            o.put("windowBalancedAccuracy", e.windowBalancedAccuracy());
            o.put("songBalancedAccuracy", e.songBalancedAccuracy());
            o.put("testLoss", e.meanLoss());
            o.put("bestEpoch", m.bestEpoch());
            o.put("epochs", m.history().size());
            o.put("perGenre", e.perGenre().stream().map(EvaluationReport::nanSafe).toList());
            o.put("windowConfusion", e.windows().counts());
            o.put("songConfusion", e.songs().counts());
            o.put("history", m.history());
            modelJson.add(o);
            ConfusionMatrixChart.write(e.windows(), e.model() + ": held-out windows (" + e.windows().total() + ")",
                    dir.resolve("confusion-" + e.model() + "-windows.png"));
            ConfusionMatrixChart.write(e.songs(), e.model() + ": held-out songs (" + e.songs().total() + ")",
                    dir.resolve("confusion-" + e.model() + "-songs.png"));
        }
        json.put("labels", models.get(0).test().windows().labels());
        json.put("models", modelJson);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("evaluation.json").toFile(), json);
        Files.writeString(dir.resolve("evaluation.md"), markdown(run, models));
    }

    private static Map<String, Object> nanSafe(Evaluation.GenreMetrics g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("genre", g.genre());
        m.put("windowPrecision", finite(g.windowPrecision()));
        m.put("windowRecall", finite(g.windowRecall()));
        m.put("windowSupport", g.windowSupport());
        m.put("songPrecision", finite(g.songPrecision()));
        m.put("songRecall", finite(g.songRecall()));
        m.put("songSupport", g.songSupport());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static String markdown(Map<String, Object> run, List<ModelResult> models) {
        StringBuilder md = new StringBuilder("# Genre CNN evaluation\n\n");
        for (Map.Entry<String, Object> e : run.entrySet()) {
            md.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append('\n');
        }
        md.append("\n## Held-out songs (never seen in training): ").append(run.getOrDefault("evaluatedOn", "test")).append("\n\n");
        md.append("| model | trainable params | window accuracy | window balanced | song accuracy | song balanced | loss | epochs (best) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ModelResult m : models) {
            Evaluation e = m.test();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.3f | %.3f | %.3f | %.3f | %.4f | %d (%d) |%n", e.model(),
                    m.trainableParameters(), e.windowAccuracy(), e.windowBalancedAccuracy(), e.songAccuracy(),
                    e.songBalancedAccuracy(), e.meanLoss(), m.history().size(), m.bestEpoch()));
        }
        for (ModelResult m : models) {
            Evaluation e = m.test();
            md.append("\n## ").append(e.model()).append(": per genre\n\n");
            md.append("| genre | window precision | window recall | windows | song precision | song recall | songs |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (Evaluation.GenreMetrics g : e.perGenre()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %d |%n", g.genre(),
                        fmt(g.windowPrecision()), fmt(g.windowRecall()), g.windowSupport(),
                        fmt(g.songPrecision()), fmt(g.songRecall()), g.songSupport()));
            }
            md.append("\n![window confusion](confusion-").append(e.model()).append("-windows.png)\n");
            md.append("![song confusion](confusion-").append(e.model()).append("-songs.png)\n");
            md.append("\n| epoch | loss | acc | val loss | val acc | val balanced | val song acc | val song balanced | lr | s |\n"
                    + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (EpochStats s : m.history()) {
                md.append(String.format(Locale.ROOT, "| %d | %.4f | %.3f | %.4f | %.3f | %.3f | %.3f | %.3f | %.1e | %.1f |%n",
                        s.epoch(), s.trainLoss(), s.trainAccuracy(), s.validationLoss(), s.validationAccuracy(),
                        s.validationBalancedAccuracy(), s.validationSongAccuracy(), s.validationSongBalancedAccuracy(),
                        s.learningRate(), s.seconds()));
            }
        }
        return md.toString();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }
}
