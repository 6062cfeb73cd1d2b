package dev.timbre.trainer.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * Shape of a genre CNN. Two layouts share one head (Dense ReLU = the exported embedding, Dropout, Dense
 * softmax over the genres):
 * <ul>
 *   <li>{@link Layout#SEED}: the seed paper's Keras CNN on MFCC: conv blocks of Conv2D valid + ReLU,
 *       MaxPool 3x3 stride 2 'same', BatchNorm; then Flatten.</li>
 *   <li>{@link Layout#SHORT_CHUNK}: a short-chunk CNN on log-mel (Won et al., 2020): blocks of 3x3 conv
 *       'same' + BatchNorm + ReLU + MaxPool 2x2; then mean over frequency, max + mean over time (as in
 *       PANNs), so the head sees one value per channel whatever the input size.</li>
 * </ul>
 *
 * @param name          "reference" (the seed's CNN), "strong", "shortchunk", ...
 * @param input         which feature tensor of a window the model reads
 * @param layout        block and pooling layout
 * @param frames        input height (frames per window)
 * @param bins          input width (MFCC coefficients or mel bands)
 * @param stemStride    stride of the first conv in both axes (short-chunk only; 2 halves the resolution before
 *                      the widest activations exist, which is where a CNN on a 130x128 input spends its time)
 * @param contrastChannel short-chunk only: a second input channel, each band minus its mean over the window, so
 *                      the first layer also sees the music without the recording's long-term spectrum (its EQ,
 *                      microphone, mastering), which differs between artists more than between genres
 * @param convFilters   filters of the conv blocks
 * @param convKernels   square kernel size of each conv block
 * @param embeddingSize units of the Dense ReLU layer whose activation is exported as {@code embedding}
 * @param dropout       drop probability after the embedding (training only)
 * @param classes       number of genres (taken from the data)
 */
public record Architecture(String name, InputFeature input, Layout layout, int frames, int bins, int stemStride,
                           boolean contrastChannel, int[] convFilters, int[] convKernels, int embeddingSize,
                           double dropout, int classes) {

    /** Block and pooling layout, see the class comment. */
    public enum Layout { SEED, SHORT_CHUNK }

    public static final int SEED_POOL_SIZE = 3;
    public static final int SEED_POOL_STRIDE = 2;
    /** Frames per window: the feature contract's ({@link dev.timbre.audio.features.FeatureContract#frames()}). */
    public static final int FRAMES = dev.timbre.audio.features.FeatureContract.CURRENT.frames();

    /** The seed's reference CNN, exactly: 32-32-32 filters, kernels 3-3-2, Dense 64, Dropout 0.3. */
    public static Architecture reference() {
        return new Architecture("reference", InputFeature.MFCC, Layout.SEED, FRAMES, InputFeature.MFCC.bins(), 1, false,
                new int[] {32, 32, 32}, new int[] {3, 3, 2}, 64, 0.3, 10);
    }

    /** Same layout and I/O contract, twice the filters in every conv layer. */
    public static Architecture strong() {
        return new Architecture("strong", InputFeature.MFCC, Layout.SEED, FRAMES, InputFeature.MFCC.bins(), 1, false,
                new int[] {64, 64, 64}, new int[] {3, 3, 2}, 64, 0.3, 10);
    }

    /**
     * Short-chunk CNN on the 128-band log-mel: five blocks, few filters in the wide early layers so CPU
     * inference stays cheap (most FLOPs of a CNN on a 130x128 input are spent before the first pools).
     */
    public static Architecture shortChunk() {
        return new Architecture("shortchunk", InputFeature.LOG_MEL, Layout.SHORT_CHUNK, FRAMES,
                InputFeature.LOG_MEL.bins(), 2, false, new int[] {12, 24, 48, 64, 64}, new int[] {3, 3, 3, 3, 3}, 64, 0.5, 10);
    }

    public static Architecture named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "reference" -> reference();
            case "strong" -> strong();
            case "shortchunk" -> shortChunk();
            default -> throw new IllegalArgumentException("unknown model '" + name + "' (reference|strong|shortchunk)");
        };
    }

    /** The same network with {@code n} output classes (the genres found in the data). */
    public Architecture withClasses(int n) {
        return new Architecture(name, input, layout, frames, bins, stemStride, contrastChannel, convFilters, convKernels, embeddingSize, dropout, n);
    }

    /** The same network with or without the contrast channel. */
    public Architecture withContrastChannel(boolean on) {
        return new Architecture(name, input, layout, frames, bins, stemStride, on, convFilters, convKernels, embeddingSize, dropout, classes);
    }

    /** The same network with another embedding size. */
    public Architecture withEmbeddingSize(int size) {
        return new Architecture(name, input, layout, frames, bins, stemStride, contrastChannel, convFilters, convKernels, size, dropout, classes);
    }

    /** The same network with another stem stride. */
    public Architecture withStemStride(int stride) {
        return new Architecture(name, input, layout, frames, bins, stride, contrastChannel, convFilters, convKernels, embeddingSize, dropout, classes);
    }

    /** The same network with other conv filters (for sizing experiments). */
    public Architecture withFilters(int[] filters) {
        int[] kernels = new int[filters.length];
        Arrays.fill(kernels, convKernels[0]);
        return new Architecture(name, input, layout, frames, bins, stemStride, contrastChannel, filters.clone(), kernels, embeddingSize, dropout, classes);
    }

    public int blocks() {
        return convFilters.length;
    }

    /** Input channels of conv block {@code i}. */
    public int inChannels(int i) {
        return i == 0 ? (contrastChannel ? 2 : 1) : convFilters[i - 1];
    }

    /** Height and width after conv block {@code block}. */
    public int[] outputSize(int block) {
        int h = frames;
        int w = bins;
        for (int i = 0; i <= block; i++) {
            if (i == 0 && stemStride > 1) {
                h = (h + stemStride - 1) / stemStride;
                w = (w + stemStride - 1) / stemStride;
            }
            if (layout == Layout.SEED) {
                h = h - convKernels[i] + 1;
                w = w - convKernels[i] + 1;
                if (h < 1 || w < 1) {
                    throw new IllegalStateException("input " + frames + "x" + bins + " too small for " + name);
                }
            }
            h = (h + 1) / 2;   // stride-2 'same' pooling in both layouts
            w = (w + 1) / 2;
        }
        return new int[] {h, w};
    }

    /** Length of the feature vector entering the embedding layer. */
    public int flattenedSize() {
        if (layout == Layout.SHORT_CHUNK) {
            return convFilters[blocks() - 1];
        }
        int[] hw = outputSize(blocks() - 1);
        return hw[0] * hw[1] * convFilters[blocks() - 1];
    }

    /** Multiply-adds of one window's forward pass through the conv blocks and the head (x2 = FLOPs). */
    public long multiplyAdds() {
        long total = 0;
        int h = frames;
        int w = bins;
        for (int i = 0; i < blocks(); i++) {
            int k = convKernels[i];
            if (i == 0 && stemStride > 1) {
                h = (h + stemStride - 1) / stemStride;
                w = (w + stemStride - 1) / stemStride;
            }
            int oh = layout == Layout.SEED ? h - k + 1 : h;
            int ow = layout == Layout.SEED ? w - k + 1 : w;
            total += (long) oh * ow * k * k * inChannels(i) * convFilters[i];
            int[] hw = outputSize(i);
            h = hw[0];
            w = hw[1];
        }
        return total + (long) flattenedSize() * embeddingSize + (long) embeddingSize * classes;
    }

    @Override
    public String toString() {
        return name + "(" + input.tensorName() + (stemStride > 1 ? ",stem/" + stemStride : "") + (contrastChannel ? ",contrast" : "") + ")" + Arrays.toString(convFilters) + "k" + Arrays.toString(convKernels)
                + "-d" + embeddingSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && a.name.equals(name) && a.input == input && a.layout == layout
                && a.frames == frames && a.bins == bins && a.stemStride == stemStride && a.contrastChannel == contrastChannel
                && Arrays.equals(a.convFilters, convFilters) && Arrays.equals(a.convKernels, convKernels)
                && a.embeddingSize == embeddingSize && a.dropout == dropout && a.classes == classes;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(convFilters);
    }
}
