package dev.timbre.audio.synth;

import java.util.SplittableRandom;

/** Simple in-place effects: filters, distortion, echo, envelopes. Cheap by design (songs are rendered in bulk). */
final class Effects {

    private Effects() {
    }

    /** One-pole low-pass at {@code cutoffHz}: the main "brightness" control. */
    static double[] lowpass(double[] x, double cutoffHz, int sr) {
        double a = 1.0 - Math.exp(-2 * Math.PI * cutoffHz / sr);
        double y = 0;
        for (int i = 0; i < x.length; i++) {
            y += a * (x[i] - y);
            x[i] = y;
        }
        return x;
    }

    /** One-pole high-pass (input minus its low-pass). */
    static double[] highpass(double[] x, double cutoffHz, int sr) {
        double a = 1.0 - Math.exp(-2 * Math.PI * cutoffHz / sr);
        double lp = 0;
        for (int i = 0; i < x.length; i++) {
            lp += a * (x[i] - lp);
            x[i] = x[i] - lp;
        }
        return x;
    }

    /** RBJ band-pass biquad (constant 0 dB peak), used for formants and snare/clap colour. */
    static double[] bandpass(double[] x, double centerHz, double q, int sr) {
        double w0 = 2 * Math.PI * Math.min(centerHz, sr * 0.45) / sr;
        double alpha = Math.sin(w0) / (2 * q);
        double a0 = 1 + alpha;
        double b0 = alpha / a0;
        double b2 = -alpha / a0;
        double a1 = -2 * Math.cos(w0) / a0;
        double a2 = (1 - alpha) / a0;
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double out = b0 * in + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = out;
            x[i] = out;
        }
        return x;
    }

    /** Memoryless tanh overdrive normalised to unit peak; {@code drive} 1 = clean, 20 = metal. */
    static double[] distort(double[] x, double drive) {
        double norm = Math.tanh(drive);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.tanh(drive * x[i]) / norm;
        }
        return x;
    }

    /** Feedback echo (dub delay / room): {@code delaySeconds}, {@code feedback} < 1. */
    static double[] echo(double[] x, double delaySeconds, double feedback, double wet, int sr) {
        int d = Math.max(1, (int) Math.round(delaySeconds * sr));
        double[] line = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double delayed = i >= d ? line[i - d] : 0;
            line[i] = x[i] + delayed * feedback;
            x[i] = x[i] + wet * delayed;
        }
        return x;
    }

    /** Cheap diffuse reverb: a few parallel echoes at mutually prime delays. */
    static double[] reverb(double[] x, double size, double wet, int sr) {
        double[] dry = x.clone();
        double[] acc = new double[x.length];
        double[] delays = {0.0297, 0.0371, 0.0411, 0.0437};
        for (double dl : delays) {
            double[] c = dry.clone();
            echo(c, dl * size, 0.7, 1.0, sr);
            for (int i = 0; i < x.length; i++) {
                acc[i] += c[i] - dry[i];
            }
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = dry[i] + wet * acc[i] / delays.length;
        }
        return x;
    }

    /** Attack/decay/sustain/release envelope over the whole sound (release at the end). */
    static double[] adsr(double[] x, double attack, double decay, double sustain, double release, int sr) {
        int n = x.length;
        int a = (int) (attack * sr);
        int d = (int) (decay * sr);
        int r = Math.min(n, (int) (release * sr));
        for (int i = 0; i < n; i++) {
            double e;
            if (i < a) {
                e = (double) i / a;
            } else if (i < a + d) {
                e = 1 - (1 - sustain) * (i - a) / (double) d;
            } else {
                e = sustain;
            }
            int fromEnd = n - i;
            if (fromEnd < r) {
                e *= (double) fromEnd / r;
            }
            x[i] *= e;
        }
        return x;
    }

    /** Exponential decay with time constant {@code tau} seconds, plus a 2 ms click-free attack. */
    static double[] decay(double[] x, double tau, int sr) {
        int attack = (int) (0.002 * sr);
        for (int i = 0; i < x.length; i++) {
            double e = Math.exp(-i / (tau * sr));
            if (i < attack) {
                e *= (double) i / attack;
            }
            x[i] *= e;
        }
        return x;
    }

    static double[] noise(int n, SplittableRandom rnd) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() * 2 - 1;
        }
        return x;
    }

    static double peak(double[] x) {
        double p = 0;
        for (double v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }
}
