package dev.timbre.trainer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.timbre.trainer.export.DjlModelCheck;
import dev.timbre.trainer.export.SavedModelWriter;
import dev.timbre.trainer.model.AdamSettings;
import dev.timbre.trainer.model.Architecture;
import dev.timbre.trainer.model.ParameterValues;
import dev.timbre.trainer.model.TrainingGraph;

/**
 * {@code mvn -pl services/trainer -am -Pbench -DskipTests verify}: training-step and inference throughput
 * on MFCC-shaped input. Baselines measured in the same run: reference CNN on 1 TF thread (training) and
 * the training graph's own inference path (serving).
 */
public final class TrainerBench {

    private static final int BATCH = 32;

    public static void main(String[] args) throws Exception {
        Architecture ref = Architecture.reference();
        double base = trainRate(ref, 1);
        double twoThreads = trainRate(ref, 2);
        double strong = trainRate(Architecture.strong(), 1);
        System.out.printf(Locale.ROOT, "%nTRAINING (batch %d, Adam step incl. BN updates)%n", BATCH);
        System.out.printf(Locale.ROOT, "  reference, 1 thread : %7.0f windows/s (baseline)%n", base);
        System.out.printf(Locale.ROOT, "  reference, 2 threads: %7.0f windows/s (x%.2f)%n", twoThreads, twoThreads / base);
        System.out.printf(Locale.ROOT, "  strong,    1 thread : %7.0f windows/s (x%.2f)%n", strong, strong / base);

        Path dir = Files.createTempDirectory("trainer-bench");
        try (TrainingGraph g = new TrainingGraph(initial(ref), AdamSettings.withLearningRate(1e-3f), 1, 1)) {
            SavedModelWriter.write(g.snapshot(), dir.resolve("m"));
            long t0 = System.nanoTime();
            DjlModelCheck.run(dir.resolve("m"), input(ref, 1, 5), 1, ref.frames(), ref.coefficients());
            double loadMs = (System.nanoTime() - t0) / 1e6;
            Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                    .optEngine("TensorFlow").optModelPath(dir.resolve("m")).build();
            System.out.printf(Locale.ROOT, "%nINFERENCE (reference; DJL load + first predict %.0f ms)%n", loadMs);
            try (ZooModel<NDList, NDList> model = criteria.loadModel();
                 Predictor<NDList, NDList> predictor = model.newPredictor()) {
                for (int n : new int[] {1, 32}) {
                    float[] x = input(ref, n, 5);
                    double graph = rate(() -> g.predict(x, null, n), n);
                    double djl = rate(() -> {
                        try (NDManager m = model.getNDManager().newSubManager()) {
                            NDArray in = m.create(x, new Shape(n, ref.frames(), ref.coefficients(), 1));
                            in.setName(SavedModelWriter.INPUT);
                            predictor.predict(new NDList(in)).get(SavedModelWriter.PROBABILITIES).toFloatArray();
                        } catch (TranslateException e) {
                            throw new IllegalStateException(e);
                        }
                    }, n);
                    System.out.printf(Locale.ROOT, "  batch %2d: training graph %7.0f windows/s (baseline), DJL predictor %7.0f windows/s (x%.2f)%n",
                            n, graph, djl, djl / graph);
                }
            }
        }
    }

    private static double trainRate(Architecture a, int threads) {
        float[] x = input(a, BATCH, 1);
        int[] y = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            y[i] = i % a.classes();
        }
        try (TrainingGraph g = new TrainingGraph(initial(a), AdamSettings.withLearningRate(1e-3f), 1, threads)) {
            return rate(() -> g.step(x, y, BATCH), BATCH);
        }
    }

    /** Windows per second over ~3 s after a 1 s warm-up. */
    private static double rate(Runnable call, int windowsPerCall) {
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            call.run();
        }
        long start = System.nanoTime();
        long calls = 0;
        while (System.nanoTime() - start < 3_000_000_000L) {
            call.run();
            calls++;
        }
        return calls * windowsPerCall / ((System.nanoTime() - start) / 1e9);
    }

    private static float[] input(Architecture a, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * a.frames() * a.coefficients()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 20);
        }
        return x;
    }

    private static ParameterValues initial(Architecture a) {
        float[] std = new float[a.coefficients()];
        Arrays.fill(std, 20f);
        return ParameterValues.initial(a, 1, new float[a.coefficients()], std);
    }
}
