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
import dev.timbre.trainer.data.SongSources;
import dev.timbre.trainer.data.SongSplit;
import dev.timbre.trainer.data.WindowBatch;
import dev.timbre.trainer.eval.Evaluation;
import dev.timbre.trainer.eval.EvaluationReport;
import dev.timbre.trainer.export.DjlModelCheck;
import dev.timbre.trainer.export.ModelCard;
import dev.timbre.trainer.export.SavedModelWriter;
import dev.timbre.trainer.model.Architecture;
import dev.timbre.trainer.model.ParameterSpec;
import dev.timbre.trainer.model.ParameterValues;
import dev.timbre.trainer.model.TrainingGraph;
import dev.timbre.trainer.tf.TensorFlowNatives;
import dev.timbre.trainer.train.Predictions;
import dev.timbre.trainer.train.Trainer;
import dev.timbre.trainer.train.TrainingOptions;

/**
 * One end-to-end run: split songs, train the requested architectures, evaluate them on the held-out
 * test songs, export the first one as a SavedModel + model.json, check it under DJL, write the report.
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
        SongSplit split = SongSplit.of(data.songs(), trainFraction, validationFraction, options.seed());
        int windowSize = architectures.get(0).frames() * architectures.get(0).coefficients();
        WindowBatch train = new WindowBatch(split.train(), windowSize);
        WindowBatch val = new WindowBatch(split.validation(), windowSize);
        WindowBatch test = new WindowBatch(split.test(), windowSize);
        out.printf(Locale.ROOT, "split by song: train %d songs / %d windows, validation %d / %d, test %d / %d%n",
                split.train().size(), train.size(), split.validation().size(), val.size(),
                split.test().size(), test.size());

        List<EvaluationReport.ModelResult> results = new ArrayList<>();
        ParameterValues exported = null;
        TrainingGraph exportedGraph = null;
        try {
            for (Architecture a : architectures) {
                out.printf(Locale.ROOT, "training %s: %,d trainable parameters%n", a, ParameterSpec.trainableCount(a));
                Trainer.Outcome o = new Trainer(options, out).train(a, train, val);
                Predictions p = Predictions.of(o.graph(), test, options.batchSize());
                Evaluation e = Evaluation.of(a.name(), p, SongSources.GENRES);
                out.printf(Locale.ROOT, "%s test: window accuracy %.3f, song accuracy %.3f, loss %.4f%n",
                        a.name(), e.windowAccuracy(), e.songAccuracy(), e.meanLoss());
                results.add(new EvaluationReport.ModelResult(e, o.history(), o.bestEpoch(), ParameterSpec.trainableCount(a)));
                if (exported == null) {
                    exported = o.graph().snapshot();
                    exportedGraph = o.graph();
                } else {
                    o.graph().close();
                }
            }

            SavedModelWriter.write(exported, modelDir);
            double djlDiff = djlCheck(exportedGraph, test, modelDir);
            out.printf(Locale.ROOT, "DJL check: SavedModel reloaded with DJL TensorFlow, max |diff| %.2e vs training graph%n", djlDiff);

            Architecture a = exported.architecture();
            Evaluation best = results.get(0).test();
            Map<String, Object> training = new LinkedHashMap<>();
            training.put("data", data.description());
            training.put("split", String.format(Locale.ROOT,
                    "by song, stratified per genre, seed %d: train %d songs (%d windows), validation %d (%d), test %d (%d)",
                    options.seed(), split.train().size(), train.size(), split.validation().size(), val.size(),
                    split.test().size(), test.size()));
            training.put("optimizer", String.format(Locale.ROOT, "Adam lr %s, batch %d, early stopping on validation loss (patience %d after epoch %d), best epoch %d of %d",
                    options.learningRate(), options.batchSize(), options.patience(), options.minEpochs(), results.get(0).bestEpoch(),
                    results.get(0).history().size()));
            training.put("seed", options.seed());
            training.put("trainer", "timbre-trainer (Java, TensorFlow " + TensorFlowNatives.version()
                    + " graph mode via DJL " + ai.djl.engine.Engine.getDjlVersion() + ")");
            training.put("djlMaxAbsDifference", djlDiff);
            Map<String, Object> heldOut = new LinkedHashMap<>();
            heldOut.put("window", best.windowAccuracy());
            heldOut.put("song", best.songAccuracy());
            heldOut.put("testSongs", split.test().size());
            heldOut.put("testWindows", test.size());
            String version = ModelCard.modelVersion(a, modelDir);
            Map<String, Object> card = ModelCard.build(a, SongSources.GENRES, version, AudioAnalyzer.EXTRACTOR_VERSION,
                    training, heldOut);
            ModelCard.write(modelDir, card);

            Map<String, Object> runInfo = new LinkedHashMap<>();
            runInfo.put("modelVersion", version);
            runInfo.put("data", data.description());
            runInfo.put("skippedInputs", data.skipped().size());
            runInfo.put("split", training.get("split"));
            runInfo.put("optimizer", String.format(Locale.ROOT, "Adam lr %s, batch %d, max %d epochs, patience %d after epoch %d, seed %d, %d TF thread(s)",
                    options.learningRate(), options.batchSize(), options.maxEpochs(), options.patience(), options.minEpochs(),
                    options.seed(), options.threads()));
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

    /** Runs the test windows through DJL and the training graph; fails above {@link #DJL_TOLERANCE}. */
    private double djlCheck(TrainingGraph graph, WindowBatch test, Path modelDir) {
        Architecture a = graph.architecture();
        int n = Math.min(test.size(), 64);
        int per = a.frames() * a.coefficients();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i * test.size() / n;
        }
        float[] x = new float[n * per];
        int[] y = new int[n];
        test.fill(order, 0, n, x, y);
        TrainingGraph.Prediction expected = graph.predict(x, null, n);
        DjlModelCheck.Outputs actual = DjlModelCheck.run(modelDir, x, n, a.frames(), a.coefficients());
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
