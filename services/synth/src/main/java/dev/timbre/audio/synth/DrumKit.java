package dev.timbre.audio.synth;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Synthesised drum sounds; parameters let each genre tune the kit (808 vs tight metal kick).
 * Each distinct sound is synthesised in {@link #VARIANTS} random variants once per song and then
 * reused (like a sampler's round-robin): same character, slight hit-to-hit variation, far cheaper
 * than synthesising every hit. Returned arrays are shared and must not be modified.
 */
final class DrumKit {

    static final int VARIANTS = 3;

    private final int sr;
    private final SplittableRandom rnd;
    private final Map<String, double[][]> cache = new HashMap<>();

    DrumKit(int sr, SplittableRandom rnd) {
        this.sr = sr;
        this.rnd = rnd;
    }

    private double[] cached(String key, Supplier<double[]> make) {
        double[][] v = cache.computeIfAbsent(key, k -> new double[VARIANTS][]);
        int i = rnd.nextInt(VARIANTS);
        if (v[i] == null) {
            v[i] = make.get();
        }
        return v[i];
    }

    /** Sine kick with a downward pitch sweep; long {@code tau} and low {@code hz} give an 808 boom. */
    double[] kick(double hz, double tau, double click) {
        return cached("kick" + hz + "/" + tau + "/" + click, () -> makeKick(hz, tau, click));
    }

    private double[] makeKick(double hz, double tau, double click) {
        int n = (int) (Math.min(1.5, tau * 6) * sr);
        double[] x = new double[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / sr;
            double f = hz * (1 + 2.5 * Math.exp(-t / 0.025));
            phase += 2 * Math.PI * f / sr;
            x[i] = Math.sin(phase);
        }
        Effects.decay(x, tau, sr);
        if (click > 0) {
            int c = Math.min(n, (int) (0.004 * sr));
            for (int i = 0; i < c; i++) {
                x[i] += click * (rnd.nextDouble() * 2 - 1) * (1 - (double) i / c);
            }
        }
        return x;
    }

    /** Snare: a tuned body plus band-passed noise; {@code snappy} scales the noise. */
    double[] snare(double tau, double snappy) {
        return cached("snare" + tau + "/" + snappy, () -> makeSnare(tau, snappy));
    }

    private double[] makeSnare(double tau, double snappy) {
        int n = (int) (tau * 6 * sr);
        double[] body = Voices.sine(185, n / (double) sr, sr);
        Effects.decay(body, tau * 0.5, sr);
        double[] noise = Effects.bandpass(Effects.noise(n, rnd), 3500, 0.7, sr);
        Effects.decay(noise, tau, sr);
        for (int i = 0; i < n; i++) {
            body[i] = 0.6 * body[i] + snappy * 2.0 * noise[i];
        }
        return body;
    }

    /** Rim click (reggae, country): very short, pitched and bright. */
    double[] rim() {
        return cached("rim", () -> makeRim());
    }

    private double[] makeRim() {
        int n = (int) (0.05 * sr);
        double[] x = Voices.sine(1700, n / (double) sr, sr);
        double[] nz = Effects.bandpass(Effects.noise(n, rnd), 2500, 2, sr);
        for (int i = 0; i < n; i++) {
            x[i] = 0.6 * x[i] + 1.5 * nz[i];
        }
        return Effects.decay(x, 0.008, sr);
    }

    /** Hi-hat: high-passed noise; {@code open} lengthens it. */
    double[] hat(boolean open) {
        return cached("hat" + open, () -> makeHat(open));
    }

    private double[] makeHat(boolean open) {
        double tau = open ? 0.18 : 0.025;
        int n = (int) (tau * 6 * sr);
        double[] x = Effects.highpass(Effects.highpass(Effects.noise(n, rnd), 7000, sr), 7000, sr);
        return Effects.decay(x, tau, sr);
    }

    /** Ride cymbal: inharmonic partials (the "ping") over a noise wash, long decay. */
    double[] ride() {
        return cached("ride", () -> makeRide());
    }

    private double[] makeRide() {
        int n = (int) (1.2 * sr);
        double[] x = new double[n];
        double[] partials = {3150, 4120, 5370, 6630, 8100};
        for (double p : partials) {
            double[] s = Voices.sine(p * (0.98 + 0.04 * rnd.nextDouble()), n / (double) sr, sr);
            for (int i = 0; i < n; i++) {
                x[i] += 0.2 * s[i];
            }
        }
        double[] wash = Effects.highpass(Effects.noise(n, rnd), 6000, sr);
        for (int i = 0; i < n; i++) {
            x[i] += 0.5 * wash[i];
        }
        return Effects.decay(x, 0.35, sr);
    }

    double[] crash() {
        return cached("crash", () -> makeCrash());
    }

    private double[] makeCrash() {
        int n = (int) (2.0 * sr);
        double[] x = Effects.highpass(Effects.noise(n, rnd), 4000, sr);
        return Effects.decay(x, 0.6, sr);
    }

    /** Hand clap: three quick band-passed noise bursts then a short tail. */
    double[] clap() {
        return cached("clap", () -> makeClap());
    }

    private double[] makeClap() {
        int n = (int) (0.25 * sr);
        double[] x = new double[n];
        double[] nz = Effects.bandpass(Effects.noise(n, rnd), 1200, 1.2, sr);
        int gap = (int) (0.011 * sr);
        for (int i = 0; i < n; i++) {
            int burst = i / gap;
            double env = burst < 3 ? Math.exp(-(i % gap) / (0.004 * sr)) : Math.exp(-(i - 3 * gap) / (0.05 * sr));
            x[i] = 2.5 * nz[i] * env;
        }
        return x;
    }

    /** Brush sweep (jazz/blues ballads): soft low-passed noise swell. */
    double[] brush(double seconds) {
        return cached("brush" + seconds, () -> makeBrush(seconds));
    }

    private double[] makeBrush(double seconds) {
        int n = (int) (seconds * sr);
        double[] x = Effects.lowpass(Effects.noise(n, rnd), 5000, sr);
        Effects.highpass(x, 1500, sr);
        return Effects.adsr(x, seconds * 0.4, 0.0, 1.0, seconds * 0.6, sr);
    }
}
