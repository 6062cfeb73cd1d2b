package dev.timbre.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.timbre.trainer.model.InputFeature;

class BatchAugmenterTest {

    static final int FRAMES = 130;
    static final int BINS = 128;
    static final int PER = FRAMES * BINS;

    private static float[] batch(int n) {
        float[] x = new float[n * PER];
        for (int i = 0; i < x.length; i++) {
            x[i] = -30 + (i % BINS) * 0.1f + (i / PER) * 5;
        }
        return x;
    }

    @Test
    void noneChangesNothingAndGivesOneHotTargets() {
        float[] x = batch(3);
        float[] before = x.clone();
        float[] t = new BatchAugmenter(BatchAugmenter.Options.NONE, InputFeature.LOG_MEL, FRAMES, new float[BINS], 1)
                .apply(x, new int[] {2, 0, 1}, 3, 4);
        assertArrayEquals(before, x);
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0}, t);
    }

    @Test
    void mixupKeepsTargetsDistributionsWithTheOwnLabelLargest() {
        BatchAugmenter.Options mix = new BatchAugmenter.Options(0, Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0, 0.4, 0, 0, 0);
        float[] x = batch(8);
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1};
        float[] t = new BatchAugmenter(mix, InputFeature.LOG_MEL, FRAMES, new float[BINS], 3).apply(x, y, 8, 3);
        for (int i = 0; i < 8; i++) {
            float sum = t[i * 3] + t[i * 3 + 1] + t[i * 3 + 2];
            assertEquals(1f, sum, 1e-6);
            assertTrue(t[i * 3 + y[i]] >= 0.5f - 1e-6, "window " + i + " keeps at least half its own label");
        }
        assertFalse(Arrays.equals(batch(8), x), "inputs were mixed");
    }

    @Test
    void masksFillWithTheBandMeansAndAreSeeded() {
        BatchAugmenter.Options masks = new BatchAugmenter.Options(0, Double.POSITIVE_INFINITY, 0, 2, 20, 2, 16, 0, 0, 0, 0);
        float[] means = new float[BINS];
        Arrays.fill(means, 777f);
        float[] a = batch(2);
        float[] b = batch(2);
        new BatchAugmenter(masks, InputFeature.LOG_MEL, FRAMES, means, 9).apply(a, new int[2], 2, 2);
        new BatchAugmenter(masks, InputFeature.LOG_MEL, FRAMES, means, 9).apply(b, new int[2], 2, 2);
        assertArrayEquals(a, b, "same seed, same augmentation");
        long filled = 0;
        for (float v : a) {
            filled += v == 777f ? 1 : 0;
        }
        assertTrue(filled > 0 && filled < a.length / 2, filled + " values masked");
    }

    @Test
    void gainMovesEveryBandOnLogMelAndOnlyC0OnMfcc() {
        BatchAugmenter.Options gain = new BatchAugmenter.Options(6, Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        float[] mel = batch(1);
        new BatchAugmenter(gain, InputFeature.LOG_MEL, FRAMES, new float[BINS], 5).apply(mel, new int[1], 1, 2);
        float shift = mel[0] - batch(1)[0];
        assertTrue(Math.abs(shift) > 0 && Math.abs(shift) <= 6, "gain " + shift);
        for (int i = 0; i < PER; i++) {
            assertEquals(batch(1)[i] + shift, mel[i], 1e-4);
        }
        float[] mfcc = new float[FRAMES * 13];
        new BatchAugmenter(gain, InputFeature.MFCC, FRAMES, new float[13], 5).apply(mfcc, new int[1], 1, 2);
        for (int t = 0; t < FRAMES; t++) {
            assertEquals(shift * Math.sqrt(128), mfcc[t * 13], 1e-3, "c0 moves by gain * sqrt(128)");
            assertEquals(0f, mfcc[t * 13 + 1]);
        }
    }

    @Test
    void equaliserAndShiftKeepTheWindowFiniteAndNoiseOnlyRaisesLevels() {
        BatchAugmenter.Options eqShiftNoise = new BatchAugmenter.Options(0, 10, 1.0, 0, 0, 0, 0, 0, 3, 10, 1.0);
        float[] x = batch(2);
        new BatchAugmenter(eqShiftNoise, InputFeature.LOG_MEL, FRAMES, new float[BINS], 11).apply(x, new int[2], 2, 2);
        for (float v : x) {
            assertTrue(Float.isFinite(v));
        }
        BatchAugmenter.Options noise = new BatchAugmenter.Options(0, 10, 1.0, 0, 0, 0, 0, 0, 0, 0, 0);
        float[] y = batch(1);
        new BatchAugmenter(noise, InputFeature.LOG_MEL, FRAMES, new float[BINS], 12).apply(y, new int[1], 1, 2);
        float[] original = batch(1);
        for (int i = 0; i < PER; i++) {
            assertTrue(y[i] >= original[i] - 1e-4, "adding noise power never lowers a band");
        }
    }
}
