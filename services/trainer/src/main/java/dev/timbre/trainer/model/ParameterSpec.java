package dev.timbre.trainer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One named tensor of the model. {@code trainable} ones get gradients and Adam slots; the others are
 * state (batch-norm moving statistics, the baked-in input normalisation) that is saved but not optimised.
 */
public record ParameterSpec(String name, long[] shape, boolean trainable, Init init) {

    /** How the value is initialised before training (Keras defaults). */
    public enum Init { GLOROT_UNIFORM, ZEROS, ONES }

    public int size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** All parameters of {@code a}, in a stable order. */
    public static List<ParameterSpec> of(Architecture a) {
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(new ParameterSpec("norm/mean", new long[] {a.bins(), 1}, false, Init.ZEROS));
        specs.add(new ParameterSpec("norm/std", new long[] {a.bins(), 1}, false, Init.ONES));
        for (int i = 0; i < a.blocks(); i++) {
            String p = "block" + (i + 1) + "/";
            long k = a.convKernels()[i];
            long f = a.convFilters()[i];
            specs.add(new ParameterSpec(p + "conv/kernel", new long[] {k, k, a.inChannels(i), f}, true, Init.GLOROT_UNIFORM));
            specs.add(new ParameterSpec(p + "conv/bias", new long[] {f}, true, Init.ZEROS));
            specs.add(new ParameterSpec(p + "bn/gamma", new long[] {f}, true, Init.ONES));
            specs.add(new ParameterSpec(p + "bn/beta", new long[] {f}, true, Init.ZEROS));
            specs.add(new ParameterSpec(p + "bn/moving_mean", new long[] {f}, false, Init.ZEROS));
            specs.add(new ParameterSpec(p + "bn/moving_variance", new long[] {f}, false, Init.ONES));
        }
        specs.add(new ParameterSpec("dense/kernel", new long[] {a.flattenedSize(), a.embeddingSize()}, true, Init.GLOROT_UNIFORM));
        specs.add(new ParameterSpec("dense/bias", new long[] {a.embeddingSize()}, true, Init.ZEROS));
        specs.add(new ParameterSpec("logits/kernel", new long[] {a.embeddingSize(), a.classes()}, true, Init.GLOROT_UNIFORM));
        specs.add(new ParameterSpec("logits/bias", new long[] {a.classes()}, true, Init.ZEROS));
        return specs;
    }

    /** Number of trainable scalars, as Keras' model.summary() counts "trainable params". */
    public static long trainableCount(Architecture a) {
        return of(a).stream().filter(ParameterSpec::trainable).mapToLong(ParameterSpec::size).sum();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
