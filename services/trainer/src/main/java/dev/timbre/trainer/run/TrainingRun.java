package dev.timbre.trainer.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.trainer.data.Song;
import dev.timbre.trainer.data.SongSources;
import dev.timbre.trainer.data.SplitMode;
import dev.timbre.trainer.data.SongSplit;
import dev.timbre.trainer.data.WindowBatch;
import dev.timbre.trainer.eval.Evaluation;
import dev.timbre.trainer.eval.EvaluationReport;
import dev.timbre.trainer.eval.Retrieval;
import dev.timbre.trainer.export.DjlModelCheck;
import dev.timbre.trainer.export.ModelCard;
import dev.timbre.trainer.export.SavedModelWriter;
import dev.timbre.trainer.model.Architecture;
import dev.timbre.trainer.model.ParameterSpec;
import dev.timbre.trainer.model.ParameterValues;
import dev.timbre.trainer.model.TrainingGraph;
import dev.timbre.model.serving.TensorFlowNatives;
import dev.timbre.trainer.train.Predictions;
import dev.timbre.trainer.train.Trainer;
import dev.timbre.trainer.train.TrainingOptions;

/**
 * One end-to-end run: split songs (the data's own train/valid/test folders, or a labelled random split),
 * train the requested architectures on the same songs, evaluate them on the held-out part (test, or valid
 * when the test part is withheld), export the first one as a SavedModel + model.json, check it under DJL,
 * write the report.
 */
public final class TrainingRun {

    /** Everything a run produced. */
    public record Result(Path modelDir, Map<String, Object> modelCard, List<EvaluationReport.ModelResult> models,
                         double djlMaxAbsDifference) {
    }

    /** DJL must reproduce the training graph's inference to this tolerance, or the export is rejected. */
    public static final double DJL_TOLERANCE = 1e-5;

    private final TrainingOptions options;
    private final PrintStream out;

    public TrainingRun(TrainingOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * @param architectures the first is exported, the others are trained on the same split for comparison
     * @param modelDir      SavedModel + model.json destination (replaced)
     * @param reportDir     evaluation report destination
     */
    public Result run(SongSources.Loaded data, double trainFraction, double validationFraction,
                      List<Architecture> architectures, Path modelDir, Path reportDir) throws IOException {
        Instant start = Instant.now();
        TensorFlowNatives.ensureLoaded();
        List<String> genres = data.genres();
        boolean folders = data.split() == SplitMode.FOLDERS;
        SongSplit split = folders ? SongSplit.byParts(data.songs())
                : SongSplit.of(data.songs(), trainFraction, validationFraction, options.seed());
        boolean hasTest = !split.test().isEmpty();
        List<Song> heldOutSongs = hasTest ? split.test() : split.validation();
        String heldOutName = hasTest ? "test" : "valid";
        String evaluatedOn = hasTest
                ? (folders ? "test/ part" : "random test part (songs of the same artists may be on both sides)")
                : "valid/ part (also used for early stopping and model selection; the test part is withheld)";
        String splitText = folders
                ? String.format(Locale.ROOT, "the data's own folders: train %d songs (%d windows, hop %s s), valid %d, test %d",
                    split.train().size(), split.windows(split.train()), hopOf(split.train()), split.validation().size(),
                    split.test().size())
                : String.format(Locale.ROOT,
                    "RANDOM split by song, stratified per genre, seed %d: train %d songs, validation %d, test %d",
                    options.seed(), split.train().size(), split.validation().size(), split.test().size());
        out.println("split: " + splitText);
        out.println("genres (" + genres.size() + ", from the data): " + String.join(", ", genres));

        List<EvaluationReport.ModelResult> results = new ArrayList<>();
        List<Map<String, Object>> figures = new ArrayList<>();
        double baselineP10 = Retrieval.meanMfccBaseline(heldOutSongs);
        ParameterValues exported = null;
        TrainingGraph exportedGraph = null;
        WindowBatch exportedHeldOut = null;
        try {
            for (Architecture base : architectures) {
                Architecture a = base.withClasses(genres.size());
                WindowBatch train = new WindowBatch(split.train(), a.input(), false);
                WindowBatch val = new WindowBatch(split.validation(), a.input(), true);
                WindowBatch heldOut = new WindowBatch(heldOutSongs, a.input(), true);
                out.printf(Locale.ROOT, "training %s: %,d trainable parameters, %,d multiply-adds per window; "
                                + "%d training windows, %d validation windows; recipe: %s%n",
                        a, ParameterSpec.trainableCount(a), a.multiplyAdds(), train.size(), val.size(), describe(options));
                Trainer.Outcome o = new Trainer(options, out).train(a, train, val);
                Predictions p = Predictions.of(o.graph(), heldOut, options.batchSize());
                Evaluation e = Evaluation.of(a.name(), p, genres);
                double p10 = Retrieval.precisionAt(p.songEmbeddings(), labels(heldOutSongs), Retrieval.NEIGHBOURS);
                out.printf(Locale.ROOT, "%s on %s: song accuracy %.3f, balanced %.3f, window accuracy %.3f, "
                                + "retrieval p@10 %.3f (mean-MFCC baseline %.3f)%n",
                        a.name(), heldOutName, e.songAccuracy(), e.songBalancedAccuracy(), e.windowAccuracy(), p10, baselineP10);
                results.add(new EvaluationReport.ModelResult(e, o.history(), o.bestEpoch(), ParameterSpec.trainableCount(a)));
                figures.add(figures(e, p10, baselineP10));
                if (exported == null) {
                    exported = o.graph().snapshot();
                    exportedGraph = o.graph();
                    exportedHeldOut = heldOut;
                } else {
                    o.graph().close();
                }
            }

            SavedModelWriter.write(exported, modelDir);

            Architecture a = exported.architecture();
            EvaluationReport.ModelResult best = results.get(0);
            Map<String, Object> training = new LinkedHashMap<>();
            training.put("data", data.description());
            training.put("split", splitText);
            training.put("recipe", describe(options));
            training.put("bestEpoch", best.bestEpoch() + " of " + best.history().size());
            training.put("seed", options.seed());
            training.put("trainer", "timbre-trainer (Java, TensorFlow " + TensorFlowNatives.version()
                    + " graph mode via DJL " + ai.djl.engine.Engine.getDjlVersion() + ")");
            Map<String, Object> evaluation = new LinkedHashMap<>();
            Map<String, Object> exportedFigures = new LinkedHashMap<>(figures.get(0));
            exportedFigures.put("note", evaluatedOn);
            // "valid" alone is left to evaluate on the valid/ folder itself (--evaluate-on): here it is every valid/ part
            String key = hasTest ? heldOutName : "all valid/ parts";
            evaluation.put(key, exportedFigures);
            for (int i = 1; i < results.size(); i++) {
                evaluation.put(key + ": " + results.get(i).test().model() + " (baseline, same run)", figures.get(i));
            }
            String version = ModelCard.modelVersion(a, modelDir);
            Map<String, Object> card = ModelCard.build(a, genres, version, AudioAnalyzer.EXTRACTOR_VERSION,
                    training, evaluation);
            ModelCard.write(modelDir, card);
            double djlDiff = djlCheck(exportedGraph, exportedHeldOut, modelDir);
            out.printf(Locale.ROOT, "DJL check: SavedModel reloaded with DJL TensorFlow, max |diff| %.2e vs training graph%n", djlDiff);
            training.put("djlMaxAbsDifference", djlDiff);
            ModelCard.write(modelDir, card);

            Map<String, Object> runInfo = new LinkedHashMap<>();
            runInfo.put("modelVersion", version);
            runInfo.put("data", data.description());
            runInfo.put("genres", String.join(", ", genres));
            runInfo.put("skippedInputs", data.skipped().size());
            runInfo.put("split", splitText);
            runInfo.put("evaluatedOn", evaluatedOn);
            runInfo.put("recipe", describe(options));
            runInfo.put("retrievalP10", figures.stream().map(f -> f.get("model") + " " + fmt(f.get("retrievalP10"))).toList()
                    + ", mean-MFCC baseline " + fmt(baselineP10));
            runInfo.put("djlMaxAbsDifference", djlDiff);
            runInfo.put("wallClock", Duration.between(start, Instant.now()).toSeconds() + " s");
            EvaluationReport.write(reportDir, runInfo, results);
            out.println("model: " + modelDir.toAbsolutePath() + " (" + version + ")");
            out.println("report: " + reportDir.toAbsolutePath().resolve("evaluation.md"));
            return new Result(modelDir, card, results, djlDiff);
        } finally {
            if (exportedGraph != null) {
                exportedGraph.close();
            }
        }
    }

    private static Map<String, Object> figures(Evaluation e, double p10, double baselineP10) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model", e.model());
        f.put("songs", e.songs().total());
        f.put("windows", e.windows().total());
        f.put("songAccuracy", e.songAccuracy());
        f.put("songBalancedAccuracy", e.songBalancedAccuracy());
        f.put("windowAccuracy", e.windowAccuracy());
        f.put("windowBalancedAccuracy", e.windowBalancedAccuracy());
        f.put("retrievalP10", p10);
        f.put("baselineRetrievalP10", baselineP10);
        return f;
    }

    private static int[] labels(List<Song> songs) {
        return songs.stream().mapToInt(Song::genre).toArray();
    }

    private static String hopOf(List<Song> songs) {
        int stride = songs.isEmpty() ? 1 : songs.get(0).evaluationStride();
        return fmt(SongSources.SERVICE_HOP_SECONDS / stride);
    }

    private static String fmt(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue()) : String.valueOf(v);
    }

    static String describe(TrainingOptions o) {
        TrainingOptions.Recipe r = o.recipe();
        return String.format(Locale.ROOT, "Adam lr %s%s, batch %d, %s, up to %d epochs%s, early stopping on %s "
                        + "(patience %d after epoch %d); augmentation: %s; %d TF thread(s)",
                o.learningRate(), r.cosineSchedule() ? " (1 warm-up epoch, cosine decay to 1 %)" : "", o.batchSize(),
                r.balancedSampling() ? "class-balanced sampling" : "shuffled windows",
                o.maxEpochs(), r.stepsPerEpoch() > 0 ? " of " + r.stepsPerEpoch() + " steps" : "",
                r.selection() == TrainingOptions.Selection.LOSS ? "validation loss" : "validation song balanced accuracy",
                o.patience(), o.minEpochs(), r.augmentation(), o.threads());
    }

    /** Runs the test windows through DJL and the training graph; fails above {@link #DJL_TOLERANCE}. */
    private double djlCheck(TrainingGraph graph, WindowBatch test, Path modelDir) {
        Architecture a = graph.architecture();
        int n = Math.min(test.size(), 64);
        int per = a.frames() * a.bins();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i * test.size() / n;
        }
        float[] x = new float[n * per];
        int[] y = new int[n];
        test.fill(order, 0, n, x, y);
        TrainingGraph.Prediction expected = graph.predict(x, null, n);
        DjlModelCheck.Outputs actual = DjlModelCheck.run(modelDir, x, n, a.frames(), a.bins(), a.input().tensorName());
        double diff = Math.max(maxAbsDiff(expected.probabilities(), actual.probabilities()),
                maxAbsDiff(expected.embeddings(), actual.embeddings()));
        if (!(diff <= DJL_TOLERANCE)) {
            throw new IllegalStateException("exported model disagrees with the training graph under DJL: max |diff| " + diff);
        }
        return diff;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
