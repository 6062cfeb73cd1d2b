package dev.timbre.trainer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Builds the CNN's forward pass into a graph, in training mode (batch statistics, dropout, moving-average
 * updates) or inference mode (moving statistics, no dropout). Both modes read the same variables.
 */
public final class CnnGraph {

    /** Keras BatchNormalization defaults. */
    static final float BN_MOMENTUM = 0.99f;
    static final float BN_EPSILON = 1e-3f;

    /**
     * @param logits        pre-softmax scores [N, classes]
     * @param embedding     Dense ReLU activation [N, embeddingSize]
     * @param probabilities softmax of the logits [N, classes]
     * @param stateUpdates  ops that update batch-norm moving statistics (training mode only; run them with each step)
     */
    public record Forward(Operand<TFloat32> logits, Operand<TFloat32> embedding, Operand<TFloat32> probabilities,
                          List<Op> stateUpdates) {
    }

    private static final List<Long> STRIDE_1 = Arrays.asList(1L, 1L, 1L, 1L);

    private CnnGraph() {
    }

    /**
     * @param read      the value of a parameter by {@link ParameterSpec} name
     * @param variables the variable store, used in training mode to update moving statistics
     * @param input     raw (un-normalised) windows of the architecture's input feature [N, frames, bins, 1]
     * @param seed      op-level seed of the dropout mask (training mode)
     */
    public static Forward build(Ops tf, Architecture a, Function<String, Operand<TFloat32>> read,
                                VariableStore variables, Operand<TFloat32> input, boolean training, long seed) {
        return build(tf, a, read, variables, input, training, false, seed);
    }

    /**
     * @param foldedBatchNorm inference only, short-chunk layout: the parameters have batch norm folded into each
     *                        conv ({@link ParameterValues#foldedBatchNorm()}), so a block is conv + bias + ReLU + pool,
     *                        which TensorFlow runs as one fused kernel instead of three extra passes over the activation
     */
    public static Forward build(Ops tf, Architecture a, Function<String, Operand<TFloat32>> read,
                                VariableStore variables, Operand<TFloat32> input, boolean training,
                                boolean foldedBatchNorm, long seed) {
        if (foldedBatchNorm && (training || a.layout() != Architecture.Layout.SHORT_CHUNK)) {
            throw new IllegalArgumentException("batch norm is folded only into short-chunk inference graphs");
        }
        List<Op> updates = new ArrayList<>();
        // Standardisation is part of the graph, so the serving side feeds raw MFCC.
        Operand<TFloat32> x = tf.withSubScope("norm").math.div(
                tf.math.sub(input, read.apply("norm/mean")), read.apply("norm/std"));
        if (a.contrastChannel()) {
            Ops contrast = tf.withSubScope("contrast");
            Operand<TFloat32> deviation = contrast.math.sub(x,
                    contrast.math.mean(x, contrast.constant(1), org.tensorflow.op.math.Mean.keepDims(true)));
            x = contrast.concat(List.of(x, deviation), contrast.constant(3));
        }
        for (int i = 0; i < a.blocks(); i++) {
            String p = "block" + (i + 1) + "/";
            Ops block = tf.withSubScope("block" + (i + 1));
            if (a.layout() == Architecture.Layout.SEED) {
                x = block.nn.conv2d(x, read.apply(p + "conv/kernel"), STRIDE_1, "VALID");
                x = block.nn.relu(block.nn.biasAdd(x, read.apply(p + "conv/bias")));
                x = block.nn.maxPool(x,
                        block.constant(new int[] {1, Architecture.SEED_POOL_SIZE, Architecture.SEED_POOL_SIZE, 1}),
                        block.constant(new int[] {1, Architecture.SEED_POOL_STRIDE, Architecture.SEED_POOL_STRIDE, 1}), "SAME");
                x = batchNorm(block.withSubScope("bn"), p + "bn/", x, read, variables, training, updates);
            } else {
                long stride = i == 0 ? a.stemStride() : 1;
                x = block.nn.conv2d(x, read.apply(p + "conv/kernel"), Arrays.asList(1L, stride, stride, 1L), "SAME");
                x = block.nn.biasAdd(x, read.apply(p + "conv/bias"));
                x = block.nn.relu(foldedBatchNorm ? x
                        : batchNorm(block.withSubScope("bn"), p + "bn/", x, read, variables, training, updates));
                x = block.nn.maxPool(x, block.constant(new int[] {1, 2, 2, 1}), block.constant(new int[] {1, 2, 2, 1}), "SAME");
            }
        }
        if (a.layout() == Architecture.Layout.SHORT_CHUNK) {
            x = globalPool(tf.withSubScope("pool"), x, a.outputSize(a.blocks() - 1)[0]);
        }
        Ops head = tf.withSubScope("head");
        Operand<TFloat32> flat = head.reshape(x, head.constant(new int[] {-1, a.flattenedSize()}));
        Operand<TFloat32> embedding = head.withName("embedding").nn.relu(
                head.nn.biasAdd(head.linalg.matMul(flat, read.apply("dense/kernel")), read.apply("dense/bias")));
        Operand<TFloat32> h = embedding;
        if (training && a.dropout() > 0) {
            float keep = (float) (1 - a.dropout());
            Operand<TFloat32> uniform = head.random.randomUniform(head.shape(embedding), TFloat32.class,
                    RandomUniform.seed(seed), RandomUniform.seed2(seed + 1));
            // floor(keep + U[0,1)) is 1 with probability keep; inverted dropout keeps the expected activation.
            Operand<TFloat32> mask = head.math.floor(head.math.add(uniform, head.constant(keep)));
            h = head.math.mul(embedding, head.math.div(mask, head.constant(keep)));
        }
        Operand<TFloat32> logits = head.withName("logits").nn.biasAdd(
                head.linalg.matMul(h, read.apply("logits/kernel")), read.apply("logits/bias"));
        Operand<TFloat32> probabilities = head.withName("probabilities").nn.softmax(logits);
        return new Forward(logits, embedding, probabilities, updates);
    }

    /**
     * Mean over frequency, then max + mean over time: [N,H,W,C] to [N,1,1,C]. The max keeps the strongest
     * moment of a pattern, the mean how much of the window it fills. The time max is a MaxPool over the whole
     * height because TF's C++ gradient registry has MaxPool's gradient.
     */
    private static Operand<TFloat32> globalPool(Ops tf, Operand<TFloat32> x, int height) {
        Operand<TFloat32> overFrequency = tf.math.mean(x, tf.constant(2), org.tensorflow.op.math.Mean.keepDims(true));
        Operand<TFloat32> max = tf.nn.maxPool(overFrequency, tf.constant(new int[] {1, height, 1, 1}),
                tf.constant(new int[] {1, 1, 1, 1}), "VALID");
        Operand<TFloat32> mean = tf.math.mean(overFrequency, tf.constant(1), org.tensorflow.op.math.Mean.keepDims(true));
        return tf.math.add(max, mean);
    }

    private static Operand<TFloat32> batchNorm(Ops tf, String p, Operand<TFloat32> x,
                                               Function<String, Operand<TFloat32>> read, VariableStore variables,
                                               boolean training, List<Op> updates) {
        Operand<TFloat32> mean;
        Operand<TFloat32> variance;
        if (training) {
            Operand<org.tensorflow.types.TInt32> axes = tf.constant(new int[] {0, 1, 2});
            mean = tf.math.mean(x, axes);
            Operand<TFloat32> centred = tf.math.sub(x, mean);
            variance = tf.math.mean(tf.math.square(centred), axes);
            updates.add(movingAverage(tf, variables.get(p + "moving_mean"), mean));
            updates.add(movingAverage(tf, variables.get(p + "moving_variance"), variance));
        } else {
            mean = read.apply(p + "moving_mean");
            variance = read.apply(p + "moving_variance");
        }
        Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, tf.constant(BN_EPSILON))),
                read.apply(p + "gamma"));
        return tf.math.add(tf.math.mul(tf.math.sub(x, mean), scale), read.apply(p + "beta"));
    }

    private static Op movingAverage(Ops tf, Operand<TFloat32> variable, Operand<TFloat32> batchValue) {
        Operand<TFloat32> stopped = tf.stopGradient(batchValue);
        Operand<TFloat32> next = tf.math.add(tf.math.mul(variable, tf.constant(BN_MOMENTUM)),
                tf.math.mul(stopped, tf.constant(1 - BN_MOMENTUM)));
        return tf.assign(variable, next);
    }

}
