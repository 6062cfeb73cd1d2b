package dev.timbre.audio.dsp;

/**
 * Forward FFT of a real signal of length {@code n} (a power of two), in double precision like
 * numpy's pocketfft, computed as one complex FFT of {@code n/2} points plus the usual real-input
 * split. A plan: twiddle and bit-reversal tables are built once; the work arrays make an instance
 * single-threaded, so callers keep one per thread.
 *
 * <p>Why not JTransforms: its 2048-point transform was ~70 % of the feature time. Here the complex
 * FFT is radix-2 decimation in frequency on split re/im arrays with one contiguous twiddle table per
 * stage, so every stage whose butterfly span is at least 8 is a plain loop over contiguous arrays that
 * HotSpot's C2 auto-vectorises (no Vector API needed); the three short-span stages are one scalar
 * radix-8 pass. Output is in bit-reversed order, which the real-input split reads through a table.
 */
public final class RealFft {

    private final int n;
    private final int half;          // complex FFT size
    private final double[][] twRe;   // per stage with span h >= 8, at every position i: cos(pi (i mod h) / h)
    private final double[][] twIm;   // -sin(pi (i mod h) / h)
    private final int[] bitrev;      // position of Z[k] in the DIF output
    private final double[] splitRe;  // cos(2 pi k / n), k <= half/2
    private final double[] splitIm;  // -sin(2 pi k / n)
    private final double[] fast;     // n = 2048 only: [re | im | twiddles], see fastStages
    private final double[] zr;       // complex work: re at zr[zrOff..], im at zi[ziOff..]
    private final double[] zi;
    private final int zrOff;
    private final int ziOff;

    /** @param n transform length, a power of two, at least 16 */
    public RealFft(int n) {
        if (n < 16 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("n must be a power of two >= 16: " + n);
        }
        this.n = n;
        this.half = n / 2;
        int stages = 0;
        for (int h = half / 2; h >= 8; h /= 2) {
            stages++;
        }
        twRe = new double[stages][];
        twIm = new double[stages][];
        int s = 0;
        for (int h = half / 2; h >= 8; h /= 2, s++) {
            twRe[s] = new double[half];
            twIm[s] = new double[half];
            for (int i = 0; i < half; i++) {
                double a = Math.PI * (i % h) / h;
                twRe[s][i] = Math.cos(a);
                twIm[s][i] = -Math.sin(a);
            }
        }
        int bits = Integer.numberOfTrailingZeros(half);
        bitrev = new int[half];
        for (int k = 0; k < half; k++) {
            bitrev[k] = Integer.reverse(k) >>> (32 - bits);
        }
        splitRe = new double[half / 2 + 1];
        splitIm = new double[half / 2 + 1];
        for (int k = 0; k <= half / 2; k++) {
            double a = 2 * Math.PI * k / n;
            splitRe[k] = Math.cos(a);
            splitIm[k] = -Math.sin(a);
        }
        if (half == FAST_HALF) {
            fast = new double[TW + 2 * FAST_STAGES * FAST_HALF];
            for (int st = 0; st < FAST_STAGES; st++) {
                System.arraycopy(twRe[st], 0, fast, TW + 2 * st * FAST_HALF, FAST_HALF);
                System.arraycopy(twIm[st], 0, fast, TW + (2 * st + 1) * FAST_HALF, FAST_HALF);
            }
            zr = fast;
            zi = fast;
            zrOff = 0;
            ziOff = IM;
            natural = new double[2 * FAST_HALF];
        } else {
            natural = null;
            fast = null;
            zr = new double[half];
            zi = new double[half];
            zrOff = 0;
            ziOff = 0;
        }
    }

    public int size() {
        return n;
    }

    /** Number of output bins, {@code n/2 + 1}. */
    public int bins() {
        return half + 1;
    }

    /**
     * Transforms {@code x[0..n)} into bins {@code 0..n/2}: {@code re[k] + i*im[k] = sum_t x[t] e^{-2 pi i k t / n}}.
     * {@code x} is not modified; {@code re} and {@code im} need {@code n/2+1} elements.
     */
    public void forward(double[] x, double[] re, double[] im) {
        // Even samples become the real, odd ones the imaginary parts of an n/2-point complex signal.
        for (int m = 0; m < half; m++) {
            zr[zrOff + m] = x[2 * m];
            zi[ziOff + m] = x[2 * m + 1];
        }
        transformPacked(re, im);
    }

    /**
     * Transforms the windowed frame {@code y[offset + t] * window[t]}, {@code t < n}, as float32 samples
     * times a float64 window (librosa's arithmetic); the product is formed while packing, so the
     * frame is never copied.
     */
    public void forward(float[] y, int offset, double[] window, double[] re, double[] im) {
        for (int m = 0; m < half; m++) {
            int t = 2 * m;
            zr[zrOff + m] = y[offset + t] * window[t];
            zi[ziOff + m] = y[offset + t + 1] * window[t + 1];
        }
        transformPacked(re, im);
    }

    /**
     * {@link #forward(float[], int, double[], double[], double[])} on a frame whose samples are held
     * de-interleaved: {@code x[2m] = even[evenOffset + m]} and {@code x[2m+1] = odd[oddOffset + m]}, times the
     * window's even and odd samples ({@code windowEven[m] = window[2m]}, {@code windowOdd[m] = window[2m+1]}).
     * Same products, so the same result to the bit; but the packing reads contiguous floats, which C2
     * vectorises (the strided read of the interleaved frame was ~2 ms of the 30 s feature time, this is ~0.7).
     */
    public void forward(float[] even, int evenOffset, float[] odd, int oddOffset, double[] windowEven,
                        double[] windowOdd, double[] re, double[] im) {
        if (half == FAST_HALF) {
            packFast(fast, even, evenOffset, odd, oddOffset, windowEven, windowOdd);
        } else {
            for (int m = 0; m < half; m++) {
                zr[zrOff + m] = even[evenOffset + m] * windowEven[m];
            }
            for (int m = 0; m < half; m++) {
                zi[ziOff + m] = odd[oddOffset + m] * windowOdd[m];
            }
        }
        transformPacked(re, im);
    }

    // Its own method: with the packing loops in forward, C2 (in some JVMs) inlined the stages into forward and the
    // features took 10.6 instead of 8.6 ms per 30 s.
    private static void packFast(double[] z, float[] even, int evenOffset, float[] odd, int oddOffset,
                                 double[] windowEven, double[] windowOdd) {
        for (int m = 0; m < FAST_HALF; m++) {
            z[m] = even[evenOffset + m] * windowEven[m];
        }
        for (int m = 0; m < FAST_HALF; m++) {
            z[IM + m] = odd[oddOffset + m] * windowOdd[m];
        }
    }

    private void transformPacked(double[] re, double[] im) {
        if (half == FAST_HALF) {
            fastDif();
            splitNatural(natural, re, im);
        } else {
            complexDif();
            split(re, im);
        }
    }

    /** Radix-2 DIF, natural order in, bit-reversed order out. */
    private void complexDif() {
        if (half == FAST_HALF) {
            fastStages(fast);
        } else {
            int s = 0;
            for (int h = half / 2; h >= 8; h /= 2, s++) {
                double[] wr = twRe[s];
                double[] wi = twIm[s];
                for (int top = 0; top < half; top += 2 * h) {
                    for (int i = top; i < top + h; i++) {
                        double dr = zr[i] - zr[i + h];
                        double di = zi[i] - zi[i + h];
                        zr[i] += zr[i + h];
                        zi[i] += zi[i + h];
                        zr[i + h] = dr * wr[i] - di * wi[i];
                        zi[i + h] = dr * wi[i] + di * wr[i];
                    }
                }
            }
        }
        for (int g = 0; g < half; g += 8) {
            radix8(zr, zrOff + g, zi, ziOff + g);
        }
    }

    // Fast path for n = 2048 (the feature contract's n_fft). C2 (JDK 17) vectorises a loop only if it
    // can prove its loads and stores independent. It cannot for two array references that might be
    // the same object, nor for offsets that differ by a variable. So re, im and every stage's
    // twiddles live in ONE array, and each stage is its own loop whose offsets are literals
    // (one method per span: a shared method with the span as a parameter is compiled once, with a
    // variable span, and stays scalar). Then every stage of span >= 8 runs on AVX vectors.
    private static final int FAST_HALF = 1024;
    private static final int IM = FAST_HALF;
    private static final int TW = 2 * FAST_HALF;          // stage s: re at TW + 2s*half, im at +half
    private static final int FAST_STAGES = 7;             // spans 512 .. 8

    private static void fastStages(double[] z) {
        span512(z);
        span256(z);
        span128(z);
        span64(z);
        span32(z);
        span16(z);
        span8(z);
    }

    private static void span512(double[] z) {
        for (int top = 0; top < FAST_HALF; top += 1024) {
            for (int i = top; i < top + 512; i++) {
                butterfly(z, i, 512, TW);
            }
        }
    }

    private static void span256(double[] z) {
        for (int top = 0; top < FAST_HALF; top += 512) {
            for (int i = top; i < top + 256; i++) {
                butterfly(z, i, 256, TW + 2 * FAST_HALF);
            }
        }
    }

    private static void span128(double[] z) {
        for (int top = 0; top < FAST_HALF; top += 256) {
            for (int i = top; i < top + 128; i++) {
                butterfly(z, i, 128, TW + 4 * FAST_HALF);
            }
        }
    }

    private static void span64(double[] z) {
        for (int top = 0; top < FAST_HALF; top += 128) {
            for (int i = top; i < top + 64; i++) {
                butterfly(z, i, 64, TW + 6 * FAST_HALF);
            }
        }
    }

    private static void span32(double[] z) {
        for (int top = 0; top < FAST_HALF; top += 64) {
            for (int i = top; i < top + 32; i++) {
                butterfly(z, i, 32, TW + 8 * FAST_HALF);
            }
        }
    }

    private static void span16(double[] z) {
        for (int top = 0; top < FAST_HALF; top += 32) {
            for (int i = top; i < top + 16; i++) {
                butterfly(z, i, 16, TW + 10 * FAST_HALF);
            }
        }
    }

    private static void span8(double[] z) {
        for (int top = 0; top < FAST_HALF; top += 16) {
            for (int i = top; i < top + 8; i++) {
                butterfly(z, i, 8, TW + 12 * FAST_HALF);
            }
        }
    }

    // Inlined into each span loop, where h and tw are constants.
    private static void butterfly(double[] z, int i, int h, int tw) {
        double ar = z[i];
        double ai = z[i + IM];
        double br = z[i + h];
        double bi = z[i + IM + h];
        double wr = z[i + tw];
        double wi = z[i + tw + FAST_HALF];
        double dr = ar - br;
        double di = ai - bi;
        z[i] = ar + br;
        z[i + IM] = ai + bi;
        z[i + h] = dr * wr - di * wi;
        z[i + IM + h] = dr * wi + di * wr;
    }

    // n = 2048: the radix-8 tail stores its outputs at their natural positions (bit reversal done by the
    // store addresses: point 8q + j of the DIF order is Z[rev3(j) * 128 + rev7(q)]), into `natural`
    // (re at [0, 1024), im at [1024, 2048)), so the real-input split reads Z[k] and Z[h-k] directly
    // instead of through the bit-reversal table: 1.4 -> 1.0 ms per 30 s, same stores, same values.
    private final double[] natural;
    private static final int[] REV7 = new int[128];

    static {
        for (int q = 0; q < 128; q++) {
            REV7[q] = Integer.reverse(q) >>> 25;
        }
    }

    private void fastDif() {
        fastStages(fast);
        radix8Natural(fast, natural);
    }

    private static void radix8Natural(double[] z, double[] out) {
        for (int q = 0; q < 128; q++) {
            radix8Natural(z, 8 * q, out, REV7[q]);
        }
    }

    /** {@link #radix8} on points {@code g..g+7} of {@code z} (re, im {@code IM} apart), stored in natural order. */
    private static void radix8Natural(double[] z, int g, double[] o, int r) {
        int gi = g + IM;
        double x0r = z[g] + z[g + 4], x0i = z[gi] + z[gi + 4];
        double x1r = z[g + 1] + z[g + 5], x1i = z[gi + 1] + z[gi + 5];
        double x2r = z[g + 2] + z[g + 6], x2i = z[gi + 2] + z[gi + 6];
        double x3r = z[g + 3] + z[g + 7], x3i = z[gi + 3] + z[gi + 7];
        double d0r = z[g] - z[g + 4], d0i = z[gi] - z[gi + 4];
        double d1r = z[g + 1] - z[g + 5], d1i = z[gi + 1] - z[gi + 5];
        double d2r = z[g + 2] - z[g + 6], d2i = z[gi + 2] - z[gi + 6];
        double d3r = z[g + 3] - z[g + 7], d3i = z[gi + 3] - z[gi + 7];
        double y1r = (d1r + d1i) * R, y1i = (d1i - d1r) * R;
        double y2r = d2i, y2i = -d2r;
        double y3r = (d3i - d3r) * R, y3i = -(d3r + d3i) * R;
        // DIF positions j = 0..3 -> rev3(j) = 0, 4, 2, 6; j = 4..7 -> 1, 5, 3, 7 (times 128)
        quarterNatural(o, r, 0, 512, 256, 768, x0r, x0i, x1r, x1i, x2r, x2i, x3r, x3i);
        quarterNatural(o, r, 128, 640, 384, 896, d0r, d0i, y1r, y1i, y2r, y2i, y3r, y3i);
    }

    private static void quarterNatural(double[] o, int r, int s0, int s1, int s2, int s3, double p0r, double p0i,
                                       double p1r, double p1i, double p2r, double p2i, double p3r, double p3i) {
        double s0r = p0r + p2r, s0i = p0i + p2i;
        double s1r = p1r + p3r, s1i = p1i + p3i;
        double t0r = p0r - p2r, t0i = p0i - p2i;
        double t1r = p1i - p3i, t1i = p3r - p1r; // (p1 - p3) * -i
        o[r + s0] = s0r + s1r;
        o[IM + r + s0] = s0i + s1i;
        o[r + s1] = s0r - s1r;
        o[IM + r + s1] = s0i - s1i;
        o[r + s2] = t0r + t1r;
        o[IM + r + s2] = t0i + t1i;
        o[r + s3] = t0r - t1r;
        o[IM + r + s3] = t0i - t1i;
    }

    /** {@link #split} for n = 2048 from the natural-order {@code z} of {@link #radix8Natural}. */
    private void splitNatural(double[] z, double[] re, double[] im) {
        double z0r = z[0];
        double z0i = z[IM];
        re[0] = z0r + z0i;
        im[0] = 0;
        re[FAST_HALF] = z0r - z0i;
        im[FAST_HALF] = 0;
        for (int k = 1; k <= FAST_HALF / 2; k++) {
            double ar = z[k];
            double ai = z[IM + k];
            double br = z[FAST_HALF - k];
            double bi = -z[IM + FAST_HALF - k]; // conj Z[h-k]
            double er = 0.5 * (ar + br);
            double ei = 0.5 * (ai + bi);
            double or = 0.5 * (ai - bi);
            double oi = -0.5 * (ar - br);
            double wr = splitRe[k];
            double wi = splitIm[k];
            double tr = wr * or - wi * oi;
            double ti = wr * oi + wi * or;
            re[k] = er + tr;
            im[k] = ei + ti;
            re[FAST_HALF - k] = er - tr;
            im[FAST_HALF - k] = ti - ei;
        }
    }

    private static final double R = Math.sqrt(0.5);

    /** The last three DIF stages (spans 4, 2, 1) on 8 consecutive points. */
    private static void radix8(double[] a, int g, double[] b, int gi) {
        // span 4, twiddles e^{-i pi j/4}, j = 0..3
        double x0r = a[g] + a[g + 4], x0i = b[gi] + b[gi + 4];
        double x1r = a[g + 1] + a[g + 5], x1i = b[gi + 1] + b[gi + 5];
        double x2r = a[g + 2] + a[g + 6], x2i = b[gi + 2] + b[gi + 6];
        double x3r = a[g + 3] + a[g + 7], x3i = b[gi + 3] + b[gi + 7];
        double d0r = a[g] - a[g + 4], d0i = b[gi] - b[gi + 4];
        double d1r = a[g + 1] - a[g + 5], d1i = b[gi + 1] - b[gi + 5];
        double d2r = a[g + 2] - a[g + 6], d2i = b[gi + 2] - b[gi + 6];
        double d3r = a[g + 3] - a[g + 7], d3i = b[gi + 3] - b[gi + 7];
        // d1 *= (1 - i) R ; d2 *= -i ; d3 *= (-1 - i) R
        double y1r = (d1r + d1i) * R, y1i = (d1i - d1r) * R;
        double y2r = d2i, y2i = -d2r;
        double y3r = (d3i - d3r) * R, y3i = -(d3r + d3i) * R;
        // span 2 on (x0..x3) and (d0, y1, y2, y3), twiddles 1, -i; then span 1.
        quarter(a, g, b, gi, x0r, x0i, x1r, x1i, x2r, x2i, x3r, x3i);
        quarter(a, g + 4, b, gi + 4, d0r, d0i, y1r, y1i, y2r, y2i, y3r, y3i);
    }

    private static void quarter(double[] a, int g, double[] b, int gi, double p0r, double p0i, double p1r, double p1i,
                                double p2r, double p2i, double p3r, double p3i) {
        double s0r = p0r + p2r, s0i = p0i + p2i;
        double s1r = p1r + p3r, s1i = p1i + p3i;
        double t0r = p0r - p2r, t0i = p0i - p2i;
        double t1r = p1i - p3i, t1i = p3r - p1r; // (p1 - p3) * -i
        a[g] = s0r + s1r;
        b[gi] = s0i + s1i;
        a[g + 1] = s0r - s1r;
        b[gi + 1] = s0i - s1i;
        a[g + 2] = t0r + t1r;
        b[gi + 2] = t0i + t1i;
        a[g + 3] = t0r - t1r;
        b[gi + 3] = t0i - t1i;
    }

    /**
     * Real-input split: with {@code Z = FFT(x[2m] + i x[2m+1])},
     * {@code X[k] = (Z[k] + conj Z[h-k])/2 - i/2 e^{-2 pi i k/n} (Z[k] - conj Z[h-k])}; bins k and h-k
     * share their inputs and are computed together.
     */
    private void split(double[] re, double[] im) {
        double z0r = zr[zrOff];
        double z0i = zi[ziOff];
        re[0] = z0r + z0i;
        im[0] = 0;
        re[half] = z0r - z0i;
        im[half] = 0;
        for (int k = 1; k <= half / 2; k++) {
            int p = bitrev[k];
            int pi = ziOff + p;
            p += zrOff;
            int q = bitrev[half - k];
            int qi = ziOff + q;
            q += zrOff;
            double ar = zr[p];
            double ai = zi[pi];
            double br = zr[q];
            double bi = -zi[qi]; // conj Z[h-k]
            double er = 0.5 * (ar + br);
            double ei = 0.5 * (ai + bi);
            // O = (a - b) / (2i) = (ai - bi)/2 - i (ar - br)/2
            double or = 0.5 * (ai - bi);
            double oi = -0.5 * (ar - br);
            double wr = splitRe[k];
            double wi = splitIm[k];
            double tr = wr * or - wi * oi;
            double ti = wr * oi + wi * or;
            re[k] = er + tr;
            im[k] = ei + ti;
            // X[h-k] = conj(E[k]) + W^{h-k} conj(O[k]) with W^{h-k} = -conj(W^k)
            re[half - k] = er - tr;
            im[half - k] = ti - ei;
        }
    }
}
