package dev.timbre.classification.validation;

import dev.timbre.schema.features.WindowFeatures;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a window's features before they reach the CNN. A bad tensor must not poison a whole batch
 * (TensorFlow rejects the batch on one wrong shape, and a NaN silently corrupts the song's profile), so
 * each window is checked on its own and rejected ones go to the dead-letter topic.
 */
public final class WindowValidator {

    private final List<Integer> expectedShape;
    private final int expectedLength;
    private final Set<String> acceptedExtractorVersions;
    private final boolean logMel;

    /**
     * @param expectedShape the model's input shape per window, e.g. [130, 13, 1]
     * @param acceptedExtractorVersions feature recipes the model was trained on
     */
    public WindowValidator(List<Integer> expectedShape, Set<String> acceptedExtractorVersions) {
        this(expectedShape, acceptedExtractorVersions, false);
    }

    /** @param logMel the model reads the window's log-mel tensor instead of its MFCC */
    public WindowValidator(List<Integer> expectedShape, Set<String> acceptedExtractorVersions, boolean logMel) {
        this.expectedShape = List.copyOf(expectedShape);
        this.expectedLength = expectedShape.stream().reduce(1, Math::multiplyExact);
        this.acceptedExtractorVersions = Set.copyOf(acceptedExtractorVersions);
        this.logMel = logMel;
    }

    /** For a model built on {@code model}'s input: its shape, its feature tensor and its extractor version. */
    public static WindowValidator forModel(dev.timbre.model.ModelDescriptor model) {
        return new WindowValidator(model.inputShape(), Set.of(model.extractorVersion()), model.readsLogMel());
    }

    /** The tensor of {@code features} the model reads. */
    public List<Float> input(WindowFeatures features) {
        return logMel ? features.getLogMel() : features.getMfcc();
    }

    public Optional<Rejection> check(WindowFeatures features) {
        String songId = features.getSongId() == null ? "" : features.getSongId().toString();
        if (songId.isBlank()) {
            return reject(RejectionReason.BAD_METADATA, "empty songId");
        }
        if (features.getWindowCount() < 1 || features.getWindowIndex() < 0
                || features.getWindowIndex() >= features.getWindowCount()) {
            return reject(RejectionReason.BAD_METADATA, "window " + features.getWindowIndex()
                    + " outside window count " + features.getWindowCount());
        }
        String version = features.getExtractorVersion() == null ? "" : features.getExtractorVersion().toString();
        if (!acceptedExtractorVersions.contains(version)) {
            return reject(RejectionReason.UNKNOWN_EXTRACTOR_VERSION, "extractor version '" + version
                    + "' not in " + acceptedExtractorVersions);
        }
        String name = logMel ? "logMel" : "mfcc";
        List<Integer> shape = logMel ? features.getLogMelShape() : features.getMfccShape();
        if (!withoutTrailingOnes(expectedShape).equals(withoutTrailingOnes(shape))) {
            return reject(RejectionReason.WRONG_SHAPE, name + "Shape " + shape + ", model expects " + expectedShape);
        }
        List<Float> values = input(features);
        if (values == null || values.size() != expectedLength) {
            return reject(RejectionReason.WRONG_SHAPE, name + " has " + (values == null ? 0 : values.size())
                    + " values, shape " + expectedShape + " needs " + expectedLength);
        }
        for (int i = 0; i < values.size(); i++) {
            Float v = values.get(i);
            if (v == null || !Float.isFinite(v)) {
                return reject(RejectionReason.NON_FINITE, name + "[" + i + "] = " + v);
            }
        }
        return Optional.empty();
    }

    /** [130, 128] and [130, 128, 1] are the same window layout (a channel axis of 1). */
    private static List<Integer> withoutTrailingOnes(List<Integer> shape) {
        if (shape == null) {
            return List.of();
        }
        int end = shape.size();
        while (end > 1 && shape.get(end - 1) == 1) {
            end--;
        }
        return shape.subList(0, end);
    }

    private static Optional<Rejection> reject(RejectionReason reason, String detail) {
        return Optional.of(new Rejection(reason, detail));
    }
}
