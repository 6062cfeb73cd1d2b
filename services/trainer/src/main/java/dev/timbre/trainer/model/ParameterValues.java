package dev.timbre.trainer.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A host-side snapshot of every model parameter (for seeded init, early-stopping's best epoch, export). */
public final class ParameterValues {

    private final Architecture architecture;
    private final Map<String, float[]> values;

    public ParameterValues(Architecture architecture, Map<String, float[]> values) {
        this.architecture = architecture;
        this.values = new LinkedHashMap<>();
        for (ParameterSpec spec : ParameterSpec.of(architecture)) {
            float[] v = values.get(spec.name());
            if (v == null || v.length != spec.size()) {
                throw new IllegalArgumentException("parameter " + spec + " missing or of wrong size");
            }
            this.values.put(spec.name(), v.clone());
        }
    }

    /** Keras-default initialisation (Glorot uniform kernels, zero biases, unit gamma) from {@code seed}. */
    public static ParameterValues initial(Architecture a, long seed, float[] normMean, float[] normStd) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, float[]> v = new LinkedHashMap<>();
        for (ParameterSpec spec : ParameterSpec.of(a)) {
            float[] x = new float[spec.size()];
            switch (spec.init()) {
                case ONES -> java.util.Arrays.fill(x, 1f);
                case ZEROS -> { }
                case GLOROT_UNIFORM -> {
                    long[] s = spec.shape();
                    long receptive = 1;
                    for (int i = 0; i < s.length - 2; i++) {
                        receptive *= s[i];
                    }
                    double fanIn = (double) s[s.length - 2] * receptive;
                    double fanOut = (double) s[s.length - 1] * receptive;
                    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                    }
                }
            }
            v.put(spec.name(), x);
        }
        v.put("norm/mean", normMean.clone());
        v.put("norm/std", normStd.clone());
        return new ParameterValues(a, v);
    }

    /**
     * Short-chunk layout: each block's batch norm (inference statistics) folded into its conv, exactly:
     * {@code BN(conv(x) + b) = conv'(x) + b'} with {@code s = gamma / sqrt(var + eps)}, {@code kernel' = kernel * s}
     * per output channel and {@code b' = (b - mean) * s + beta}; the batch-norm parameters become the identity.
     */
    public ParameterValues foldedBatchNorm() {
        if (architecture.layout() != Architecture.Layout.SHORT_CHUNK) {
            throw new IllegalStateException("batch norm folds into the conv only in the short-chunk layout");
        }
        Map<String, float[]> v = new LinkedHashMap<>();
        values.forEach((name, value) -> v.put(name, value.clone()));
        for (int i = 0; i < architecture.blocks(); i++) {
            String p = "block" + (i + 1) + "/";
            int filters = architecture.convFilters()[i];
            float[] gamma = v.get(p + "bn/gamma");
            float[] beta = v.get(p + "bn/beta");
            float[] mean = v.get(p + "bn/moving_mean");
            float[] var = v.get(p + "bn/moving_variance");
            float[] kernel = v.get(p + "conv/kernel");
            float[] bias = v.get(p + "conv/bias");
            for (int c = 0; c < filters; c++) {
                double scale = gamma[c] / Math.sqrt(var[c] + CnnGraph.BN_EPSILON);
                for (int k = c; k < kernel.length; k += filters) {   // [kh, kw, in, out]: out is the fastest axis
                    kernel[k] = (float) (kernel[k] * scale);
                }
                bias[c] = (float) ((bias[c] - mean[c]) * scale + beta[c]);
                gamma[c] = 1f;
                beta[c] = 0f;
                mean[c] = 0f;
                var[c] = 1f - CnnGraph.BN_EPSILON;
            }
        }
        return new ParameterValues(architecture, v);
    }

    public Architecture architecture() {
        return architecture;
    }

    public float[] get(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return v.clone();
    }

    public List<ParameterSpec> specs() {
        return ParameterSpec.of(architecture);
    }
}
