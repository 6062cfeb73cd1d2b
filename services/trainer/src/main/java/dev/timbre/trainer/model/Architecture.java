package dev.timbre.trainer.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * Shape of a genre CNN: three conv blocks (Conv2D valid + ReLU, MaxPool 3x3 stride 2 'same', BatchNorm),
 * Flatten, Dense ReLU (the embedding), Dropout, Dense softmax over the genres.
 *
 * @param name          "reference" (the seed's Keras CNN) or "strong"
 * @param frames        input height (MFCC frames per window)
 * @param coefficients  input width (MFCC coefficients)
 * @param convFilters   filters of the three conv layers
 * @param convKernels   square kernel size of the three conv layers
 * @param embeddingSize units of the Dense ReLU layer whose activation is exported as {@code embedding}
 * @param dropout       drop probability after the embedding (training only)
 * @param classes       number of genres
 */
public record Architecture(String name, int frames, int coefficients, int[] convFilters, int[] convKernels,
                           int embeddingSize, double dropout, int classes) {

    public static final int POOL_SIZE = 3;
    public static final int POOL_STRIDE = 2;

    /** The seed's reference CNN, exactly: 32-32-32 filters, kernels 3-3-2, Dense 64, Dropout 0.3. */
    public static Architecture reference() {
        return new Architecture("reference", 130, 13, new int[] {32, 32, 32}, new int[] {3, 3, 2}, 64, 0.3, 10);
    }

    /** Same layout and I/O contract, twice the filters in every conv layer. */
    public static Architecture strong() {
        return new Architecture("strong", 130, 13, new int[] {64, 64, 64}, new int[] {3, 3, 2}, 64, 0.3, 10);
    }

    public static Architecture named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "reference" -> reference();
            case "strong" -> strong();
            default -> throw new IllegalArgumentException("unknown model '" + name + "' (reference|strong)");
        };
    }

    public int blocks() {
        return convFilters.length;
    }

    /** Input channels of conv block {@code i}. */
    public int inChannels(int i) {
        return i == 0 ? 1 : convFilters[i - 1];
    }

    /** Height and width after conv block {@code i} (valid conv, then 'same' pooling with stride 2). */
    public int[] outputSize(int block) {
        int h = frames;
        int w = coefficients;
        for (int i = 0; i <= block; i++) {
            h = h - convKernels[i] + 1;
            w = w - convKernels[i] + 1;
            if (h < 1 || w < 1) {
                throw new IllegalStateException("input " + frames + "x" + coefficients + " too small for " + name);
            }
            h = (h + POOL_STRIDE - 1) / POOL_STRIDE;
            w = (w + POOL_STRIDE - 1) / POOL_STRIDE;
        }
        return new int[] {h, w};
    }

    /** Length of the flattened feature vector entering the Dense layer. */
    public int flattenedSize() {
        int[] hw = outputSize(blocks() - 1);
        return hw[0] * hw[1] * convFilters[blocks() - 1];
    }

    @Override
    public String toString() {
        return name + Arrays.toString(convFilters) + "k" + Arrays.toString(convKernels) + "-d" + embeddingSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && a.name.equals(name) && a.frames == frames && a.coefficients == coefficients
                && Arrays.equals(a.convFilters, convFilters) && Arrays.equals(a.convKernels, convKernels)
                && a.embeddingSize == embeddingSize && a.dropout == dropout && a.classes == classes;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(convFilters);
    }
}
