package dev.timbre.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static float[] tone() {
        float[] x = new float[22050];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 22050.0));
        }
        return x;
    }

    private static double rms(float[] x) {
        double e = 0;
        for (float v : x) {
            e += (double) v * v;
        }
        return Math.sqrt(e / x.length);
    }

    @Test
    void noneLeavesAudioUntouched() {
        float[] x = tone();
        assertSame(x, Augmentation.NONE.apply(x, 1));
    }

    @Test
    void seededGainAndNoiseWithinBounds() {
        Augmentation a = Augmentation.standard();
        float[] x = tone();
        assertArrayEquals(a.apply(x, 7), a.apply(x, 7));
        boolean differs = false;
        for (long seed = 0; seed < 20; seed++) {
            float[] y = a.apply(x, seed);
            double ratioDb = 20 * Math.log10(rms(y) / rms(x));
            assertTrue(ratioDb <= 0.1 && ratioDb >= -12.1, "gain " + ratioDb + " dB");
            differs |= Math.abs(ratioDb) > 1;
            // residual after removing the best-fitting scaled tone is the noise: SNR within bounds
            double dot = 0;
            double xx = 0;
            for (int i = 0; i < x.length; i++) {
                dot += (double) x[i] * y[i];
                xx += (double) x[i] * x[i];
            }
            double g = dot / xx;
            double noise = 0;
            for (int i = 0; i < x.length; i++) {
                double r = y[i] - g * x[i];
                noise += r * r;
            }
            double snr = 10 * Math.log10(g * g * xx / noise);
            assertTrue(snr > 19 && snr < 46, "SNR " + snr);
        }
        assertTrue(differs, "gains vary with the seed");
        assertEquals(x.length, a.apply(x, 3).length);
    }
}
