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
