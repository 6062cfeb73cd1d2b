package dev.timbre.audio.resample;

import dev.timbre.audio.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures the resampler's quality: a passband sine must come out as the ideal sine at the new rate
 * (error relative to amplitude), and a tone above the new Nyquist must be suppressed (no aliasing).
 * The printed figures are the ones quoted in the module README.
 */
class KaiserSincResamplerTest {

    @ParameterizedTest
    @CsvSource({"44100, 1000", "48000, 1000", "44100, 9000", "16000, 3000", "8000, 1000", "96000, 5000"})
    void passbandSineIsReproduced(int inRate, double hz) {
        KaiserSincResampler r = new KaiserSincResampler(inRate, 22050);
        float[] x = Signals.sine(hz, 2.0, inRate, 0.8);
        float[] y = r.resample(x);
        assertEquals((int) Math.ceil(x.length * 22050.0 / inRate), y.length);
        // Skip the edges, where the filter sees the implicit zeros outside the signal.
        int margin = 2000;
        double maxErr = 0;
        for (int i = margin; i < y.length - margin; i++) {
            double ideal = 0.8 * Math.sin(2 * Math.PI * hz * i / 22050);
            maxErr = Math.max(maxErr, Math.abs(y[i] - ideal));
        }
        double db = 20 * Math.log10(maxErr / 0.8);
        System.out.printf("resampler %d->22050 Hz, %5.0f Hz sine: max error %.2e (%.1f dB re amplitude)%n", inRate, hz, maxErr, db);
        assertTrue(db < -90, "passband error " + db + " dB");
    }

    @ParameterizedTest
    @CsvSource({"44100, 12000", "44100, 15000", "48000, 11600", "48000, 20000"})
    void toneAboveNewNyquistIsRemoved(int inRate, double hz) {
        float[] x = Signals.sine(hz, 2.0, inRate, 0.8);
        float[] y = new KaiserSincResampler(inRate, 22050).resample(x);
        double rms = Signals.rms(y, 2000, y.length - 2000);
        double db = 20 * Math.log10(rms / (0.8 / Math.sqrt(2)));
        System.out.printf("resampler %d->22050 Hz, %5.0f Hz tone (stopband): residual %.1f dB%n", inRate, hz, db);
        assertTrue(db < -90, "stopband attenuation only " + db + " dB");
    }

    @Test
    void identityAndIrrationalRatios() {
        float[] x = Signals.sine(440, 0.5, 22050, 0.5);
        float[] same = new KaiserSincResampler(22050, 22050).resample(x);
        assertEquals(x.length, same.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], same[i], 0f);
        }
        // 44 056 Hz (NTSC-derived) gives L = 11025 phases > MAX_PHASES: interpolated table path.
        float[] y = new KaiserSincResampler(44056, 22050).resample(Signals.sine(1000, 1.0, 44056, 0.5));
        assertEquals(1000, Signals.dominantHz(y, 2000, 8192, 22050), 0.5);
        double maxErr = 0;
        for (int i = 2000; i < y.length - 2000; i++) {
            maxErr = Math.max(maxErr, Math.abs(y[i] - 0.5 * Math.sin(2 * Math.PI * 1000 * i / 22050)));
        }
        assertTrue(maxErr < 0.5e-3, "interpolated-phase error " + maxErr);
    }

    @Test
    void besselMatchesKnownValues() {
        assertEquals(1.0, KaiserSincResampler.besselI0(0), 0);
        assertEquals(1.2660658777520082, KaiserSincResampler.besselI0(1), 1e-14);
        assertEquals(1093.5883545113745, KaiserSincResampler.besselI0(9), 1e-9);
    }
}
