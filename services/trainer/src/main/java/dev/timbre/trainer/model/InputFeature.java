package dev.timbre.trainer.model;

import java.util.Locale;

import dev.timbre.audio.features.WindowTensor;

/**
 * Which of a window's two feature tensors a model reads. Both come from the same {@link WindowTensor}
 * (the feature-extraction service's output), so a model can switch input without a new extractor.
 *
 * @param tensorName the SavedModel input name, also written to {@code model.json} ({@code names.input})
 * @param bins       values per frame: 13 MFCC coefficients or 128 mel bands
 */
public enum InputFeature {
    MFCC("mfcc", WindowTensor.N_MFCC),
    LOG_MEL("logmel", WindowTensor.N_MELS);

    private final String tensorName;
    private final int bins;

    InputFeature(String tensorName, int bins) {
        this.tensorName = tensorName;
        this.bins = bins;
    }

    public String tensorName() {
        return tensorName;
    }

    public int bins() {
        return bins;
    }

    /** The window's tensor for this input, frame-major {@code [frames * bins]}. */
    public float[] of(WindowTensor w) {
        return this == MFCC ? w.mfcc() : w.logMel();
    }

    public static InputFeature named(String name) {
        for (InputFeature f : values()) {
            if (f.tensorName.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown input '" + name + "' (mfcc|logmel)");
    }
}
