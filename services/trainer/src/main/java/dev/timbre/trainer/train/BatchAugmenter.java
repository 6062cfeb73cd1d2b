package dev.timbre.trainer.train;

import java.util.Locale;
import java.util.SplittableRandom;

import dev.timbre.trainer.model.InputFeature;

/**
 * Augmentation of a training batch, in place, on the features the model reads (so the serving path is
 * untouched): a random gain, additive noise at a random SNR (log-mel only: mixed in the power domain),
 * SpecAugment-style time and frequency masks (Park et al., 2019), and mixup (Zhang et al., 2018) of each
 * window with another of the batch, labels mixed alike. Random crops / time shifts come from sampling
 * among overlapping windows ({@link dev.timbre.trainer.data.WindowBatch#balancedOrder}).
 */
public final class BatchAugmenter {

    /**
     * @param maxGainDb    gain drawn uniformly from [-maxGainDb, +maxGainDb]
     * @param minSnrDb     with probability {@code noiseProbability}, white noise at an SNR drawn from [minSnrDb, minSnrDb+20]
     * @param noiseProbability share of windows that get noise
     * @param timeMasks    number of time masks per window, each up to {@code maxTimeMask} frames
     * @param maxTimeMask  frames
     * @param freqMasks    number of frequency masks per window (log-mel only), each up to {@code maxFreqMask} bands
     * @param maxFreqMask  bands
     * @param mixupAlpha   Beta(alpha, alpha) mixing weight; 0 disables mixup
     * @param maxFrequencyShift log-mel only: shift the window up or down by up to this many mel bands (a small pitch
     *                     and timbre change; the vacated edge repeats the last band)
     * @param maxEqDb      log-mel only: a random smooth equaliser curve (tilt plus one bell) of up to this many dB,
     *                     the production and recording differences between artists that a genre must survive
     * @param lowPassProbability log-mel only: share of windows whose top bands roll off from a random cutoff (old,
     *                     band-limited recordings)
     */
    public record Options(double maxGainDb, double minSnrDb, double noiseProbability, int timeMasks, int maxTimeMask,
                          int freqMasks, int maxFreqMask, double mixupAlpha, int maxFrequencyShift, double maxEqDb,
                          double lowPassProbability) {

        public static final Options NONE = new Options(0, Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        /** The recipe for real recordings. */
        public static Options recordings() {
            return new Options(6, 10, 0.3, 2, 20, 2, 16, 0.3, 3, 10, 0.3);
        }

        public Options withLowPass(double probability) {
            return new Options(maxGainDb, minSnrDb, noiseProbability, timeMasks, maxTimeMask, freqMasks, maxFreqMask,
                    mixupAlpha, maxFrequencyShift, maxEqDb, probability);
        }

        public boolean enabled() {
            return maxGainDb > 0 || noiseProbability > 0 || timeMasks > 0 || freqMasks > 0 || mixupAlpha > 0
                    || maxFrequencyShift > 0 || maxEqDb > 0 || lowPassProbability > 0;
        }

        @Override
        public String toString() {
            return enabled() ? String.format(Locale.ROOT,
                    "gain +-%.0f dB, noise p=%.2f SNR %.0f..%.0f dB, %dx time mask <=%d frames, %dx freq mask <=%d bands, "
                            + "mixup alpha %.2f, frequency shift <=%d bands, random EQ <=%.0f dB, low-pass p=%.2f",
                    maxGainDb, noiseProbability, minSnrDb, minSnrDb + 20, timeMasks, maxTimeMask, freqMasks,
                    maxFreqMask, mixupAlpha, maxFrequencyShift, maxEqDb, lowPassProbability) : "none";
        }
    }

    private final Options options;
    private final InputFeature feature;
    private final int frames;
    private final int bins;
    private final float[] fill;
    private final SplittableRandom random;

    /**
     * @param binMeans per-bin training mean: masked values are set to it, i.e. to 0 after the graph's normalisation
     */
    public BatchAugmenter(Options options, InputFeature feature, int frames, float[] binMeans, long seed) {
        this.options = options;
        this.feature = feature;
        this.frames = frames;
        this.bins = feature.bins();
        this.fill = binMeans.clone();
        this.random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    }

    /**
     * Augments {@code n} windows of {@code x} and returns their soft targets ({@code n*classes}).
     *
     * @param y hard labels of the windows
     */
    public float[] apply(float[] x, int[] y, int n, int classes) {
        int per = frames * bins;
        for (int i = 0; i < n; i++) {
            perturb(x, i * per);
        }
        float[] targets = new float[n * classes];
        for (int i = 0; i < n; i++) {
            targets[i * classes + y[i]] = 1f;
        }
        if (options.mixupAlpha() > 0 && n > 1) {
            float[] original = java.util.Arrays.copyOf(x, n * per);
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                if (j == i) {
                    continue;
                }
                float lambda = (float) beta(options.mixupAlpha());
                lambda = Math.max(lambda, 1 - lambda);   // the window keeps its own label as the larger share
                int a = i * per;
                int b = j * per;
                for (int k = 0; k < per; k++) {
                    x[a + k] = lambda * original[a + k] + (1 - lambda) * original[b + k];
                }
                targets[i * classes + y[i]] -= 1 - lambda;
                targets[i * classes + y[j]] += 1 - lambda;
            }
        }
        return targets;
    }

    private void perturb(float[] x, int offset) {
        int per = frames * bins;
        if (options.maxGainDb() > 0) {
            float gain = (float) ((random.nextDouble() * 2 - 1) * options.maxGainDb());
            if (feature == InputFeature.LOG_MEL) {
                for (int k = 0; k < per; k++) {
                    x[offset + k] += gain;
                }
            } else {
                // A constant dB offset on all 128 mel bands moves only c0 of the orthonormal DCT, by gain*sqrt(128).
                float c0 = (float) (gain * Math.sqrt(dev.timbre.audio.features.WindowTensor.N_MELS));
                for (int t = 0; t < frames; t++) {
                    x[offset + t * bins] += c0;
                }
            }
        }
        if (feature == InputFeature.LOG_MEL && options.maxFrequencyShift() > 0) {
            shift(x, offset, random.nextInt(2 * options.maxFrequencyShift() + 1) - options.maxFrequencyShift());
        }
        if (feature == InputFeature.LOG_MEL && options.maxEqDb() > 0) {
            equalise(x, offset);
        }
        if (feature == InputFeature.LOG_MEL && options.lowPassProbability() > 0
                && random.nextDouble() < options.lowPassProbability()) {
            lowPass(x, offset);
        }
        if (feature == InputFeature.LOG_MEL && options.noiseProbability() > 0 && random.nextDouble() < options.noiseProbability()) {
            addNoise(x, offset, options.minSnrDb() + 20 * random.nextDouble());
        }
        for (int m = 0; m < options.timeMasks(); m++) {
            int width = random.nextInt(options.maxTimeMask() + 1);
            int start = random.nextInt(Math.max(1, frames - width));
            for (int t = start; t < Math.min(frames, start + width); t++) {
                System.arraycopy(fill, 0, x, offset + t * bins, bins);
            }
        }
        if (feature == InputFeature.LOG_MEL) {
            for (int m = 0; m < options.freqMasks(); m++) {
                int width = random.nextInt(options.maxFreqMask() + 1);
                int start = random.nextInt(Math.max(1, bins - width));
                for (int t = 0; t < frames; t++) {
                    for (int b = start; b < Math.min(bins, start + width); b++) {
                        x[offset + t * bins + b] = fill[b];
                    }
                }
            }
        }
    }

    /** Adds a smooth random curve over the bands: a tilt of +-maxEq/2 dB plus a bell of +-maxEq/2 dB. */
    private void equalise(float[] x, int offset) {
        double half = options.maxEqDb() / 2;
        double tilt = (random.nextDouble() * 2 - 1) * half;
        double bell = (random.nextDouble() * 2 - 1) * half;
        double centre = random.nextDouble() * bins;
        double width = bins * (0.05 + 0.2 * random.nextDouble());
        float[] curve = new float[bins];
        for (int b = 0; b < bins; b++) {
            double z = (b - centre) / width;
            curve[b] = (float) (tilt * (2.0 * b / (bins - 1) - 1) + bell * Math.exp(-0.5 * z * z));
        }
        for (int t = 0; t < frames; t++) {
            int row = offset + t * bins;
            for (int b = 0; b < bins; b++) {
                x[row + b] += curve[b];
            }
        }
    }

    /** Rolls the bands above a random cutoff (in the upper 45 %) off at 2 to 6 dB per band. */
    private void lowPass(float[] x, int offset) {
        int cutoff = (int) (bins * (0.55 + 0.4 * random.nextDouble()));
        double slope = 2 + 4 * random.nextDouble();
        for (int t = 0; t < frames; t++) {
            int row = offset + t * bins;
            for (int b = cutoff; b < bins; b++) {
                x[row + b] -= (float) (slope * (b - cutoff + 1));
            }
        }
    }

    private void shift(float[] x, int offset, int bands) {
        if (bands == 0) {
            return;
        }
        float[] frame = new float[bins];
        for (int t = 0; t < frames; t++) {
            int row = offset + t * bins;
            for (int b = 0; b < bins; b++) {
                frame[b] = x[row + Math.min(bins - 1, Math.max(0, b - bands))];
            }
            System.arraycopy(frame, 0, x, row, bins);
        }
    }

    /** Mixes flat-spectrum noise into a dB window in the power domain, at {@code snrDb} below its mean power. */
    private void addNoise(float[] x, int offset, double snrDb) {
        int per = frames * bins;
        double mean = 0;
        for (int k = 0; k < per; k++) {
            mean += Math.pow(10, x[offset + k] / 10.0);
        }
        mean /= per;
        double noise = mean * Math.pow(10, -snrDb / 10);
        for (int k = 0; k < per; k++) {
            // Each band's noise power fluctuates (chi-square-like) around the level, as real noise does.
            double jitter = 0.5 + random.nextDouble();
            x[offset + k] = (float) (10 * Math.log10(Math.pow(10, x[offset + k] / 10.0) + noise * jitter));
        }
    }

    /** Beta(a, a) by Jöhnk's method (works for a < 1). */
    private double beta(double a) {
        while (true) {
            double u = Math.pow(random.nextDouble(), 1 / a);
            double v = Math.pow(random.nextDouble(), 1 / a);
            if (u + v <= 1 && u + v > 0) {
                return u / (u + v);
            }
        }
    }
}
