package dev.timbre.audio.dsp;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FastLog10} against {@code Math.log10}, and {@link Float32} against the {@code (float)} cast. */
class FastLog10Test {

    @Test
    void matchesMathLog10OverTheDbRange() {
        // Every 61st float bit pattern from 1e-10 (amin) to 1e10: 9 million inputs, all table bins.
        int lo = Float.floatToRawIntBits(1e-10f);
        int hi = Float.floatToRawIntBits(1e10f);
        double maxErr = 0;
        int floatMismatches = 0;
        int count = 0;
        for (int b = lo; b <= hi; b += 61) {
            float v = Float.intBitsToFloat(b);
            double want = Math.log10(v);
            double got = FastLog10.log10(v);
            maxErr = Math.max(maxErr, Math.abs(got - want));
            if ((float) got != (float) want) {
                floatMismatches++;
            }
            count++;
        }
        System.out.printf("FastLog10: %d inputs, max abs error %.2e vs Math.log10, %d float32 mismatches%n",
                count, maxErr, floatMismatches);
        assertTrue(maxErr < 4e-15, "max abs error " + maxErr);
        assertEquals(0, floatMismatches);
    }

    @Test
    void specialValuesFallBackToMathLog10() {
        for (float v : new float[] {0f, Float.MIN_VALUE, 1e-40f, Float.POSITIVE_INFINITY, Float.NaN, -1f, 1f, 10f, 1e-10f}) {
            assertEquals(Math.log10(v), FastLog10.log10(v), 1e-15, "log10(" + v + ")");
        }
        assertEquals(0.0, FastLog10.log10(1f), 1e-17);
    }

    @Test
    void float32RoundingEqualsTheCast() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 1_000_000; i++) {
            double x = rnd.nextGaussian() * Math.exp(rnd.nextDouble(-60, 60));
            assertEquals((double) (float) x, Float32.round(x), 0.0, "x = " + x);
        }
        assertEquals(0.0, Float32.round(0.0), 0.0);
        assertEquals(1.0, Float32.round(1.0), 0.0);
    }
}
