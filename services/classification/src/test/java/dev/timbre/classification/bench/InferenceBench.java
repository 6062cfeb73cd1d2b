package dev.timbre.classification.bench;

import dev.timbre.classification.inference.BatchOutput;
import dev.timbre.classification.inference.ComputeDevice;
import dev.timbre.classification.inference.DjlGenreClassifier;
import dev.timbre.classification.model.ModelLocator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Windows per second of the shipped genre CNN on CPU, one window per forward pass versus micro-batches of 64:
 * what the micro-batcher buys. {@code mvn -pl services/classification -am -Pbench -DskipTests verify}
 * (args: [seconds per measurement, default 10] [batch sizes, default 1,64]).
 */
public final class InferenceBench {

    private InferenceBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int[] sizes = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 64};
        Path cache = Path.of(System.getProperty("user.home"), ".djl.ai");
        System.out.printf("%d CPU cores, load average %.1f, %.0f s per measurement%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), seconds);
        // baseline in the same run: the seed's reference CNN on MFCC (the synthetic-trained test fixture)
        java.net.URL reference = InferenceBench.class.getClassLoader().getResource("model/synthetic-genre-cnn/model.json");
        double[] baseline = reference == null ? null
                : run(Path.of(reference.toURI()).getParent(), cache, sizes, seconds, "reference (baseline)", null);
        run(ModelLocator.locate(null), cache, sizes, seconds, "shipped", baseline);
    }

    private static double[] run(Path model, Path cache, int[] sizes, double seconds, String label, double[] baseline) {
        try (DjlGenreClassifier classifier = DjlGenreClassifier.load(model, ComputeDevice.CPU, cache)) {
            List<float[]> pool = windows(classifier.descriptor(), 256, 1);
            System.out.printf("%s model %s (input %s %s)%n", label, classifier.descriptor().modelVersion(),
                    classifier.descriptor().inputName(), classifier.descriptor().inputShape());
            double[] rates = new double[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                rates[i] = measure(classifier, pool, sizes[i], seconds);
                System.out.printf("  batch %3d: %8.1f windows/s (%.2f ms per batch)%s%n", sizes[i], rates[i],
                        1000.0 * sizes[i] / rates[i],
                        baseline == null ? "" : String.format(" = %.2fx the baseline", rates[i] / baseline[i]));
            }
            for (int i = 1; i < sizes.length; i++) {
                System.out.printf("  batch %d vs batch %d: %.2fx the throughput%n", sizes[i], sizes[0], rates[i] / rates[0]);
            }
            return rates;
        }
    }

    /** Windows shaped like the model's input: MFCC-like (per-coefficient offsets and spreads) or log-mel-like dB. */
    static List<float[]> windows(dev.timbre.model.ModelDescriptor model, int count, long seed) {
        if (!model.readsLogMel()) {
            return windows(count, seed);
        }
        Random random = new Random(seed);
        List<float[]> out = new ArrayList<>(count);
        for (int w = 0; w < count; w++) {
            float[] mel = new float[model.inputLength()];
            for (int i = 0; i < mel.length; i++) {
                mel[i] = (float) (-40 + random.nextGaussian() * 15);
            }
            out.add(mel);
        }
        return out;
    }

    /** MFCC-like windows: per-coefficient offsets and spreads similar to real speech/music MFCCs. */
    static List<float[]> windows(int count, long seed) {
        Random random = new Random(seed);
        List<float[]> out = new ArrayList<>(count);
        for (int w = 0; w < count; w++) {
            float[] mfcc = new float[130 * 13];
            for (int f = 0; f < 130; f++) {
                for (int c = 0; c < 13; c++) {
                    mfcc[f * 13 + c] = (float) ((c == 0 ? -200 : 0) + random.nextGaussian() * (c == 0 ? 60 : 20));
                }
            }
            out.add(mfcc);
        }
        return out;
    }

    static double measure(DjlGenreClassifier classifier, List<float[]> pool, int batchSize, double seconds) {
        // warm-up: graph optimisation and allocator pools settle on the first calls
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        int cursor = 0;
        while (System.nanoTime() < warmUntil) {
            classifier.classify(batch(pool, cursor, batchSize));
            cursor += batchSize;
        }
        long windows = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        double checksum = 0;
        while (System.nanoTime() < end) {
            BatchOutput out = classifier.classify(batch(pool, cursor, batchSize));
            checksum += out.probabilities()[0][0];
            cursor += batchSize;
            windows += batchSize;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (Double.isNaN(checksum)) {
            throw new IllegalStateException("NaN output");
        }
        return windows / elapsed;
    }

    private static List<float[]> batch(List<float[]> pool, int from, int size) {
        List<float[]> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(pool.get((from + i) % pool.size()));
        }
        return batch;
    }
}
