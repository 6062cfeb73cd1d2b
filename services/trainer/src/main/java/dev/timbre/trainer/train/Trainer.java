package dev.timbre.trainer.train;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.timbre.trainer.data.WindowBatch;
import dev.timbre.trainer.model.AdamSettings;
import dev.timbre.trainer.model.Architecture;
import dev.timbre.trainer.model.ParameterValues;
import dev.timbre.trainer.model.TrainingGraph;

/**
 * Mini-batch Adam training with early stopping on validation loss: after {@code patience} epochs
 * without improvement it stops and restores the best epoch's parameters.
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
        float[][] stats = train.coefficientStatistics(architecture.coefficients());
        ParameterValues initial = ParameterValues.initial(architecture, options.seed(), stats[0], stats[1]);
        TrainingGraph graph = new TrainingGraph(initial, AdamSettings.withLearningRate(options.learningRate()),
                options.seed(), options.threads());
        try {
            return loop(graph, train, validation);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    private Outcome loop(TrainingGraph graph, WindowBatch train, WindowBatch validation) {
        Architecture a = graph.architecture();
        int per = a.frames() * a.coefficients();
        int bs = options.batchSize();
        float[] x = new float[bs * per];
        int[] y = new int[bs];
        Random shuffle = new Random(options.seed());
        List<EpochStats> history = new ArrayList<>();
        ParameterValues best = graph.snapshot();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
            long t0 = System.nanoTime();
            int[] order = train.shuffledOrder(shuffle);
            int batches = (order.length + bs - 1) / bs;
            ProgressBar bar = new ProgressBar(out, String.format(Locale.ROOT, "%s epoch %3d", a.name(), epoch), batches);
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * bs;
                int to = Math.min(order.length, from + bs);
                train.fill(order, from, to, x, y);
                int n = to - from;
                TrainingGraph.StepResult r = graph.step(x, n == bs ? y : java.util.Arrays.copyOf(y, n), n);
                if (!Float.isFinite(r.loss())) {
                    throw new IllegalStateException("training diverged (loss " + r.loss() + ") in epoch " + epoch);
                }
                lossSum += r.loss() * n;
                correct += r.correct();
                bar.update(b + 1, String.format(Locale.ROOT, "loss %.4f", lossSum / to));
            }
            Predictions val = Predictions.of(graph, validation, bs);
            EpochStats s = new EpochStats(epoch, lossSum / order.length, (double) correct / order.length,
                    val.meanLoss(), val.windowAccuracy(), (System.nanoTime() - t0) / 1e9);
            history.add(s);
            bar.finish(String.format(Locale.ROOT, "loss %.4f acc %.3f | val_loss %.4f val_acc %.3f | %.1fs",
                    s.trainLoss(), s.trainAccuracy(), s.validationLoss(), s.validationAccuracy(), s.seconds()));
            if (epoch <= options.minEpochs() || s.validationLoss() < bestLoss - 1e-4) {
                bestLoss = s.validationLoss();
                bestEpoch = epoch;
                best = graph.snapshot();
                sinceBest = 0;
            } else if (++sinceBest >= options.patience()) {
                out.printf(Locale.ROOT, "early stop: no val_loss improvement for %d epochs, restoring epoch %d%n",
                        options.patience(), bestEpoch);
                break;
            }
        }
        graph.load(best);
        return new Outcome(graph, history, bestEpoch);
    }
}
