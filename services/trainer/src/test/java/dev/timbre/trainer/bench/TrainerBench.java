package dev.timbre.trainer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
import dev.timbre.trainer.export.SavedModelWriter;
import dev.timbre.trainer.model.AdamSettings;
import dev.timbre.trainer.model.Architecture;
import dev.timbre.trainer.model.ParameterValues;
import dev.timbre.trainer.model.TrainingGraph;

/**
 * {@code mvn -pl services/trainer -am -Pbench -DskipTests verify}: inference throughput of the shipped
 * architecture (log-mel short-chunk CNN) through DJL at batch 1 and 64, and training-step throughput, each
 * against the seed's reference CNN measured in the same run. Input is random data of the right shape.
 */
public final class TrainerBench {

    private static final int BATCH = 32;

    public static void main(String[] args) throws Exception {
        Architecture ref = Architecture.reference();
        Architecture shipped = Architecture.shortChunk();
        if (args.length > 0) {   // sizing experiments: TrainerBench 16,32,64
            shipped = shipped.withFilters(Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray());
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "%nINFERENCE through DJL as the classification service loads it (SavedModel, "
                + "TensorFlow default threads = all cores)%n");
        double refRate = 0;
        for (Architecture a : List.of(ref, shipped)) {
            Path dir = Files.createTempDirectory("trainer-bench");
            try (TrainingGraph g = new TrainingGraph(initial(a), AdamSettings.withLearningRate(1e-3f), 1, 1)) {
                SavedModelWriter.write(g.snapshot(), dir.resolve("m"));
            }
            Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                    .optEngine("TensorFlow").optModelPath(dir.resolve("m"))
                    .optOption("Tags", "serve").optOption("SignatureDefKey", SavedModelWriter.SIGNATURE).build();
            try (ZooModel<NDList, NDList> model = criteria.loadModel();
                 Predictor<NDList, NDList> predictor = model.newPredictor()) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-40s %6.1f M multiply-adds/window:",
                        a.toString(), a.multiplyAdds() / 1e6));
                for (int n : new int[] {1, 64}) {
                    float[] x = input(a, n, 5);
                    double djl = rate(() -> {
                        try (NDManager m = model.getNDManager().newSubManager()) {
                            NDArray in = m.create(x, new Shape(n, a.frames(), a.bins(), 1));
                            in.setName(a.input().tensorName());
                            predictor.predict(new NDList(in)).get(SavedModelWriter.PROBABILITIES).toFloatArray();
                        } catch (TranslateException e) {
                            throw new IllegalStateException(e);
                        }
                    }, n);
                    line.append(String.format(Locale.ROOT, "  batch %2d %7.0f windows/s", n, djl));
                    if (n == 64 && a == ref) {
                        refRate = djl;
                        line.append(" (baseline)");
                    } else if (n == 64) {
                        line.append(String.format(Locale.ROOT, " (x%.2f of reference)", djl / refRate));
                    }
                }
                System.out.println(line);
            }
        }
        System.out.printf(Locale.ROOT, "%nTRAINING (batch %d, Adam step incl. BN updates, 1 TF thread)%n", BATCH);
        double base = trainRate(ref, 1);
        double other = trainRate(shipped, 1);
        System.out.printf(Locale.ROOT, "  %-40s %7.0f windows/s (baseline)%n", ref, base);
        System.out.printf(Locale.ROOT, "  %-40s %7.0f windows/s (x%.2f)%n", shipped, other, other / base);
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
        float[] x = new float[n * a.frames() * a.bins()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 20);
        }
        return x;
    }

    private static ParameterValues initial(Architecture a) {
        float[] std = new float[a.bins()];
        Arrays.fill(std, 20f);
        return ParameterValues.initial(a, 1, new float[a.bins()], std);
    }
}
