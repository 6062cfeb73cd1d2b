package dev.timbre.classification.validation;

import dev.timbre.schema.features.WindowFeatures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowValidatorTest {

    private final WindowValidator validator = new WindowValidator(List.of(130, 13, 1), Set.of("librosa-compat-1"));

    static WindowFeatures.Builder window() {
        List<Float> mfcc = new ArrayList<>(1690);
        for (int i = 0; i < 1690; i++) {
            mfcc.add((float) Math.sin(i));
        }
        return WindowFeatures.newBuilder()
                .setSongId("song-1")
                .setWindowIndex(2)
                .setWindowCount(10)
                .setWindowStartSeconds(6.0)
                .setMfccShape(List.of(130, 13, 1))
                .setMfcc(mfcc)
                .setExtractorVersion("librosa-compat-1")
                .setExtractedAt(Instant.EPOCH);
    }

    private RejectionReason reasonOf(WindowFeatures features) {
        Optional<Rejection> rejection = validator.check(features);
        assertTrue(rejection.isPresent(), "expected a rejection");
        return rejection.get().reason();
    }

    @Test
    void acceptsAWellFormedWindow() {
        assertEquals(Optional.empty(), validator.check(window().build()));
    }

    @Test
    void rejectsADeclaredShapeOtherThanTheModelInput() {
        assertEquals(RejectionReason.WRONG_SHAPE, reasonOf(window().setMfccShape(List.of(13, 130, 1)).build()));
    }

    @Test
    void rejectsATensorWhoseLengthDoesNotMatchItsShape() {
        List<Float> shortTensor = new ArrayList<>(window().getMfcc().subList(0, 1000));
        Rejection r = validator.check(window().setMfcc(shortTensor).build()).orElseThrow();
        assertEquals(RejectionReason.WRONG_SHAPE, r.reason());
        assertTrue(r.describe().contains("1000"), r.describe());
    }

    @Test
    void rejectsNaNAndInfinity() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            List<Float> mfcc = new ArrayList<>(window().getMfcc());
            mfcc.set(777, bad);
            Rejection r = validator.check(window().setMfcc(mfcc).build()).orElseThrow();
            assertEquals(RejectionReason.NON_FINITE, r.reason());
            assertTrue(r.detail().contains("mfcc[777]"), r.detail());
        }
    }

    @Test
    void rejectsAnExtractorVersionTheModelWasNotTrainedOn() {
        assertEquals(RejectionReason.UNKNOWN_EXTRACTOR_VERSION,
                reasonOf(window().setExtractorVersion("librosa-compat-2").build()));
    }

    @Test
    void rejectsImpossibleWindowPositions() {
        assertEquals(RejectionReason.BAD_METADATA, reasonOf(window().setWindowIndex(10).build()));
        assertEquals(RejectionReason.BAD_METADATA, reasonOf(window().setWindowIndex(-1).build()));
        assertEquals(RejectionReason.BAD_METADATA, reasonOf(window().setWindowCount(0).setWindowIndex(0).build()));
        assertEquals(RejectionReason.BAD_METADATA, reasonOf(window().setSongId(" ").build()));
    }
}
