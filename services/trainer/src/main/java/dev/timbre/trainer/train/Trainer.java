package dev.timbre.trainer.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.timbre.trainer.data.WindowBatch;
import dev.timbre.trainer.eval.Evaluation;
import dev.timbre.trainer.model.AdamSettings;
import dev.timbre.trainer.model.Architecture;
import dev.timbre.trainer.model.ParameterValues;
import dev.timbre.trainer.model.TrainingGraph;

/**
 * Mini-batch Adam training with early stopping on the validation set: after {@code patience} epochs
 * without improvement (of the recipe's criterion) it stops and restores the best epoch's parameters.
 */
public final class Trainer {

    /** The trained graph (best parameters loaded) and the epoch history. */
    public record Outcome(TrainingGraph graph, List<EpochStats> history, int bestEpoch) {
    }

    private final TrainingOptions options;
    private final PrintStream out;

    public Trainer(TrainingOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Trains a new graph; the caller owns (closes) the returned graph. */
    public Outcome train(Architecture architecture, WindowBatch train, WindowBatch validation) {
        if (train.size() == 0 || validation.size() == 0) {
            throw new IllegalArgumentException("empty training or validation set");
        }
        float[][] stats = train.binStatistics(architecture.bins());
        ParameterValues initial = ParameterValues.initial(architecture, options.seed(), stats[0], stats[1]);
        TrainingGraph graph = new TrainingGraph(initial, AdamSettings.withLearningRate(options.learningRate()).withL2(options.recipe().l2()),
                options.seed(), options.threads(), options.recipe().emaDecay());
        try {
            return loop(graph, train, validation, stats[0]);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    private Outcome loop(TrainingGraph graph, WindowBatch train, WindowBatch validation, float[] binMeans) {
        Architecture a = graph.architecture();
        TrainingOptions.Recipe recipe = options.recipe();
        int per = a.frames() * a.bins();
        int bs = options.batchSize();
        float[] x = new float[bs * per];
        int[] y = new int[bs];
        Random shuffle = new Random(options.seed());
        BatchAugmenter augmenter = new BatchAugmenter(recipe.augmentation(), a.input(), a.frames(), binMeans, options.seed());
        int windowsPerEpoch = recipe.stepsPerEpoch() > 0 ? recipe.stepsPerEpoch() * bs : train.size();
        int batches = (windowsPerEpoch + bs - 1) / bs;
        List<EpochStats> history = new ArrayList<>();
        ParameterValues best = graph.snapshot();
        EpochStats bestStats = null;
        int bestEpoch = 0;
        int sinceBest = 0;
        long step = 0;
        for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
            long t0 = System.nanoTime();
            int[] order = recipe.balancedSampling() ? train.balancedOrder(shuffle, windowsPerEpoch) : train.shuffledOrder(shuffle);
            ProgressBar bar = new ProgressBar(out, String.format(Locale.ROOT, "%s epoch %3d", a.name(), epoch), batches);
            double lossSum = 0;
            long correct = 0;
            float lr = options.learningRate();
            for (int b = 0; b < batches; b++) {
                int from = b * bs;
                int to = Math.min(order.length, from + bs);
                train.fill(order, from, to, x, y);
                int n = to - from;
                float[] targets = augmenter.apply(x, y, n, a.classes());
                lr = options.learningRateAt(step++, batches);
                TrainingGraph.StepResult r = graph.step(x, targets, n, lr);
                if (!Float.isFinite(r.loss())) {
                    throw new IllegalStateException("training diverged (loss " + r.loss() + ") in epoch " + epoch);
                }
                lossSum += r.loss() * n;
                correct += r.correct();
                bar.update(b + 1, String.format(Locale.ROOT, "loss %.4f", lossSum / to));
            }
            ParameterValues current = null;
            if (recipe.emaDecay() > 0) {   // validate the averaged weights, then train on from the current ones
                current = graph.snapshot();
                graph.load(graph.averaged());
            }
            Predictions val = Predictions.of(graph, validation, bs);
            Evaluation e = Evaluation.of(a.name(), val, null);
            EpochStats s = new EpochStats(epoch, lossSum / order.length, (double) correct / order.length,
                    val.meanLoss(), val.windowAccuracy(), e.windowBalancedAccuracy(), e.songAccuracy(),
                    e.songBalancedAccuracy(), lr, (System.nanoTime() - t0) / 1e9);
            history.add(s);
            bar.finish(String.format(Locale.ROOT,
                    "loss %.4f acc %.3f | val_loss %.4f val_acc %.3f val_bal %.3f song_acc %.3f song_bal %.3f | lr %.1e %.1fs",
                    s.trainLoss(), s.trainAccuracy(), s.validationLoss(), s.validationAccuracy(),
                    s.validationBalancedAccuracy(), s.validationSongAccuracy(), s.validationSongBalancedAccuracy(),
                    lr, s.seconds()));
            boolean stop = false;
            if (epoch <= options.minEpochs() || bestStats == null || better(s, bestStats)) {
                bestStats = s;
                bestEpoch = epoch;
                best = graph.snapshot();
                sinceBest = 0;
            } else if (++sinceBest >= options.patience()) {
                stop = true;
            }
            if (current != null) {
                graph.load(current);
            }
            if (stop) {
                out.printf(Locale.ROOT, "early stop: no %s improvement for %d epochs, restoring epoch %d%n",
                        recipe.selection() == TrainingOptions.Selection.LOSS ? "val_loss" : "validation balanced accuracy",
                        options.patience(), bestEpoch);
                break;
            }
        }
        graph.load(best);
        return new Outcome(graph, history, bestEpoch);
    }

    private boolean better(EpochStats s, EpochStats best) {
        if (options.recipe().selection() == TrainingOptions.Selection.LOSS) {
            return s.validationLoss() < best.validationLoss() - 1e-4;
        }
        double[] now = {s.validationSongBalancedAccuracy(), s.validationBalancedAccuracy(), -s.validationLoss()};
        double[] then = {best.validationSongBalancedAccuracy(), best.validationBalancedAccuracy(), -best.validationLoss()};
        return Arrays.compare(now, then) > 0;
    }
}
