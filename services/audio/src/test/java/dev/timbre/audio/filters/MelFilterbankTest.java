package dev.timbre.audio.filters;

import dev.timbre.audio.Signals;
import dev.timbre.audio.features.MelSpectrogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MelFilterbankTest {

    @Test
    void slaneyScaleIsLinearBelow1kHzAndLogAbove() {
        assertEquals(15.0, MelScale.hzToMel(1000), 1e-12);
        assertEquals(7.5, MelScale.hzToMel(500), 1e-12);
        assertEquals(15.0 + 27.0, MelScale.hzToMel(6400), 1e-9);
        for (double hz : new double[] {0, 100, 999, 1000, 4000, 11025}) {
            assertEquals(hz, MelScale.melToHz(MelScale.hzToMel(hz)), 1e-9);
        }
    }

    @Test
    void everyTriangleHasUnitAreaInHz() {
        MelFilterbank bank = MelFilterbank.slaney(22050, 2048, 128, 0, 11025);
        double binHz = 22050.0 / 2048;
        double[] f = MelScale.melFrequencies(130, 0, 11025);
        for (int m = 0; m < bank.bands(); m++) {
            double area = 0;
            for (int k = 0; k < bank.bins(); k++) {
                area += bank.weight(m, k) * binHz;
            }
            double widthBins = (f[m + 2] - f[m]) / binHz;
            if (widthBins >= 8) { // sampled triangles narrower than a few bins can't integrate exactly
                assertEquals(1.0, area, 0.03, "band " + m);
            }
            assertTrue(area > 0, "band " + m + " is not empty");
        }
    }

    @Test
    void aSinePeaksInTheBandCentredOnIt() {
        for (double hz : new double[] {220, 1000, 3000, 7000}) {
            float[] y = Signals.sine(hz, 1.0, 22050, 0.5);
            MelSpectrogram mel = MelSpectrogram.librosaDefaults();
            float[] s = mel.compute(y);
            int t = mel.frames(y.length) / 2;
            int best = 0;
            for (int m = 0; m < 128; m++) {
                if (s[t * 128 + m] > s[t * 128 + best]) {
                    best = m;
                }
            }
            double[] f = MelScale.melFrequencies(130, 0, 11025);
            int expected = 0;
            for (int m = 0; m < 128; m++) {
                if (Math.abs(f[m + 1] - hz) < Math.abs(f[expected + 1] - hz)) {
                    expected = m;
                }
            }
            assertTrue(Math.abs(best - expected) <= 1, hz + " Hz peaked in band " + best + ", centre band " + expected);
        }
    }
}
