package dev.timbre.audio.synth;

import java.util.SplittableRandom;

/** Pitched sound sources. Every method returns a new buffer of {@code seconds * sr} samples. */
final class Voices {

    private Voices() {
    }

    static double midiToHz(double midi) {
        return 440.0 * Math.pow(2, (midi - 69) / 12.0);
    }

    /** Karplus-Strong plucked string; {@code brightness} in (0,1]: 1 = steel-string bright, 0.3 = dull. */
    static double[] pluck(double hz, double seconds, double brightness, double sustain, SplittableRandom rnd, int sr) {
        int n = (int) (seconds * sr);
        int period = Math.max(2, (int) Math.round(sr / hz));
        double[] ring = new double[period];
        // Excitation: noise low-passed by brightness, so dull strings start with fewer highs.
        double lp = 0;
        for (int i = 0; i < period; i++) {
            lp += brightness * ((rnd.nextDouble() * 2 - 1) - lp);
            ring[i] = lp;
        }
        double[] out = new double[n];
        int idx = 0;
        double blend = 0.5 * sustain;
        for (int i = 0; i < n; i++) {
            int next = (idx + 1) % period;
            double v = ring[idx];
            out[i] = v;
            ring[idx] = blend * (v + ring[next]) + (sustain - 2 * blend) * v;
            idx = next;
        }
        double p = Effects.peak(out);
        if (p > 0) {
            for (int i = 0; i < n; i++) {
                out[i] /= p;
            }
        }
        return out;
    }

    /**
     * Additive tone: harmonic {@code k} (1-based) gets amplitude {@code amps[k-1]}; harmonics above
     * Nyquist are skipped. Optional vibrato (Hz, semitones depth).
     */
    static double[] additive(double hz, double seconds, double[] amps, double vibratoHz, double vibratoSemis, int sr) {
        int n = (int) (seconds * sr);
        double[] out = new double[n];
        double phase = 0;
        double f = hz;
        for (int i = 0; i < n; i++) {
            if (vibratoHz > 0 && (i & 15) == 0) {
                // The LFO moves slowly; updating it every 16 samples is inaudible and much cheaper.
                f = hz * Math.pow(2, vibratoSemis * Math.sin(2 * Math.PI * vibratoHz * i / sr) / 12.0);
            }
            phase += 2 * Math.PI * f / sr;
            if (phase > 2 * Math.PI) {
                phase -= 2 * Math.PI;
            }
            // sin(k*phase) by the Chebyshev recurrence: one sin/cos per sample instead of one per harmonic.
            double s1 = Math.sin(phase);
            double c2 = 2 * Math.cos(phase);
            double prev = 0;
            double cur = s1;
            double v = 0;
            int maxK = (int) Math.min(amps.length, Math.floor(sr * 0.45 / f));
            for (int k = 1; k <= maxK; k++) {
                v += amps[k - 1] * cur;
                double next = c2 * cur - prev;
                prev = cur;
                cur = next;
            }
            out[i] = v;
        }
        return out;
    }

    /** Band-limited sawtooth (PolyBLEP), optionally several detuned copies ("supersaw"). */
    static double[] saw(double hz, double seconds, int copies, double detuneCents, SplittableRandom rnd, int sr) {
        int n = (int) (seconds * sr);
        double[] out = new double[n];
        for (int c = 0; c < copies; c++) {
            double cents = copies == 1 ? 0 : detuneCents * (2.0 * c / (copies - 1) - 1);
            double dt = hz * Math.pow(2, cents / 1200.0) / sr;
            double t = rnd.nextDouble();
            for (int i = 0; i < n; i++) {
                double v = 2 * t - 1 - polyBlep(t, dt);
                out[i] += v / copies;
                t += dt;
                if (t >= 1) {
                    t -= 1;
                }
            }
        }
        return out;
    }

    /** Band-limited square (PolyBLEP): hollow, clarinet/organ-like odd harmonics. */
    static double[] square(double hz, double seconds, int sr) {
        int n = (int) (seconds * sr);
        double[] out = new double[n];
        double dt = hz / sr;
        double t = 0;
        for (int i = 0; i < n; i++) {
            double v = t < 0.5 ? 1 : -1;
            v += polyBlep(t, dt);
            double t2 = t + 0.5 >= 1 ? t - 0.5 : t + 0.5;
            v -= polyBlep(t2, dt);
            out[i] = v;
            t += dt;
            if (t >= 1) {
                t -= 1;
            }
        }
        return out;
    }

    static double[] sine(double hz, double seconds, int sr) {
        int n = (int) (seconds * sr);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.sin(2 * Math.PI * hz * i / sr);
        }
        return out;
    }

    private static double polyBlep(double t, double dt) {
        if (t < dt) {
            double x = t / dt;
            return x + x - x * x - 1;
        }
        if (t > 1 - dt) {
            double x = (t - 1) / dt;
            return x * x + x + x + 1;
        }
        return 0;
    }
}
