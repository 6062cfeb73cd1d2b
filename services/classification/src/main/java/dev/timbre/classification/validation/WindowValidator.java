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

    /**
     * @param expectedShape the model's input shape per window, e.g. [130, 13, 1]
     * @param acceptedExtractorVersions feature recipes the model was trained on
     */
    public WindowValidator(List<Integer> expectedShape, Set<String> acceptedExtractorVersions) {
        this.expectedShape = List.copyOf(expectedShape);
        this.expectedLength = expectedShape.stream().reduce(1, Math::multiplyExact);
        this.acceptedExtractorVersions = Set.copyOf(acceptedExtractorVersions);
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
        List<Integer> shape = features.getMfccShape();
        if (!expectedShape.equals(shape)) {
            return reject(RejectionReason.WRONG_SHAPE, "mfccShape " + shape + ", model expects " + expectedShape);
        }
        List<Float> mfcc = features.getMfcc();
        if (mfcc == null || mfcc.size() != expectedLength) {
            return reject(RejectionReason.WRONG_SHAPE, "mfcc has " + (mfcc == null ? 0 : mfcc.size())
                    + " values, shape " + expectedShape + " needs " + expectedLength);
        }
        for (int i = 0; i < mfcc.size(); i++) {
            Float v = mfcc.get(i);
            if (v == null || !Float.isFinite(v)) {
                return reject(RejectionReason.NON_FINITE, "mfcc[" + i + "] = " + v);
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(RejectionReason reason, String detail) {
        return Optional.of(new Rejection(reason, detail));
    }
}
