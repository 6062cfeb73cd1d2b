package dev.timbre.audio.resample;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rational polyphase resampler with the same Kaiser-windowed sinc as {@link KaiserSincResampler}
 * (64 zero crossings, rolloff 0.945, beta 9, so the same frequency response), reorganised so the
 * JIT can vectorise it.
 *
 * <p>For {@code outRate/inRate = L/M} (reduced), output {@code i = k*L + p} has phase {@code p} and
 * reads input {@code k*M + s_p + j} with the taps of row {@code (p*M) mod L}. The input is split into
 * its {@code M} polyphase streams ({@code x[k*M + r]}), so for a fixed phase and tap the inputs of
 * consecutive outputs are consecutive stream elements: per tap, a block of outputs gets
 * {@code acc[k] += tap * stream[base + k]}, which C2 turns into AVX float vectors (see
 * {@link #multiplyAdd} for the one shape JDK 17's vectoriser accepts). The KaiserSincResampler form, one dot product per output, is a
 * floating-point reduction, which C2 may not reorder and so cannot vectorise.
 *
 * <p>Tables (one row of taps per phase) are built once per rate pair and shared ({@link #of});
 * instances are immutable and thread-safe. Taps are float32 and sums are float32 (the error this adds,
 * ~1e-7 of full scale, is far below the filter's own -100 dB). Output length is
 * {@code ceil(n * outRate / inRate)}; samples outside the signal are zeros, as in KaiserSincResampler.
 * Ratios with {@code L > MAX_PHASES} (unusual rates like 44 056 Hz) are not tabulated: {@link #of}
 * then falls back to KaiserSincResampler's interpolated table (see {@link Resampler}).
 */
public final class PolyphaseResampler implements Resampler {

    static final int MAX_PHASES = 4096;
    private static final int BLOCK = 1024; // outputs per accumulator block: 4 KiB, stays in L1
    private static final Map<Long, Resampler> CACHE = new ConcurrentHashMap<>();

    private final int inRate;
    private final int outRate;
    private final int up;        // L
    private final int down;      // M
    private final int taps;      // per output
    private final int half;      // taps left of t, minus one (as in KaiserSincResampler)
    private final float[] table; // [L][taps]: row r = taps for fractional offset r/L

    /** Shared resampler for a rate pair; polyphase when the reduced ratio has at most MAX_PHASES phases. */
    public static Resampler of(int inRate, int outRate) {
        return CACHE.computeIfAbsent(((long) inRate << 32) | outRate, key -> {
            long g = gcd(inRate, outRate);
            return outRate / g <= MAX_PHASES
                    ? new PolyphaseResampler(inRate, outRate)
                    : new KaiserSincResampler(inRate, outRate);
        });
    }

    public PolyphaseResampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("invalid rates");
        }
        long g = gcd(inRate, outRate);
        if (outRate / g > MAX_PHASES) {
            throw new IllegalArgumentException("more than " + MAX_PHASES + " phases: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        this.up = (int) (outRate / g);
        this.down = (int) (inRate / g);
        KaiserSincResampler design = new KaiserSincResampler(inRate, outRate);
        this.half = design.halfWidth();
        this.taps = 2 * half;
        this.table = new float[up * taps];
        for (int r = 0; r < up; r++) {
            for (int j = 0; j < taps; j++) {
                table[r * taps + j] = (float) design.tap((double) r / up, j);
            }
        }
    }

    @Override
    public int inRate() {
        return inRate;
    }

    @Override
    public int outRate() {
        return outRate;
    }

    @Override
    public int outputLength(int n) {
        return (int) Math.ceil((double) n * outRate / inRate);
    }

    @Override
    public float[] resample(float[] x) {
        if (inRate == outRate) {
            return x.clone();
        }
        int outLen = outputLength(x.length);
        float[] y = new float[outLen];
        if (outLen == 0) {
            return y;
        }
        // Polyphase streams of the input, zero-padded by `half` in front (so every index is >= 0)
        // and by a filter length plus one period behind.
        int pad = half;
        int streamLen = (x.length + pad + taps + down) / down + 2;
        float[] streams = new float[down * streamLen];
        for (int i = 0; i < x.length; i++) {
            int idx = i + pad;
            streams[(idx % down) * streamLen + idx / down] = x[i];
        }
        float[] work = new float[2 * BLOCK]; // [accumulators | current tap's inputs]
        for (int p = 0; p < up && p < outLen; p++) {
            int row = (int) ((long) p * down % up) * taps;
            int s = (int) ((long) p * down / up) - half + 1 + pad; // padded input index of tap 0 for k = 0
            int count = (outLen - p + up - 1) / up;                // outputs of this phase
            for (int k0 = 0; k0 < count; k0 += BLOCK) {
                int kb = Math.min(BLOCK, count - k0);
                Arrays.fill(work, 0, kb, 0f);
                for (int j = 0; j < taps; j++) {
                    int idx = s + j;
                    System.arraycopy(streams, (idx % down) * streamLen + idx / down + k0, work, BLOCK, kb);
                    multiplyAdd(work, table[row + j], kb);
                }
                for (int k = 0; k < kb; k++) {
                    y[(k0 + k) * up + p] = work[k];
                }
            }
        }
        return y;
    }

    // work[k] += w * work[BLOCK + k]. Both operands in one array at a constant distance: the only
    // form in which JDK 17's C2 proves the store independent of the load and vectorises (AVX-512:
    // 16 floats per instruction). With two array parameters, or a variable distance, it stays
    // scalar, which is why the tap's inputs are first copied next to the accumulators.
    private static void multiplyAdd(float[] work, float w, int n) {
        for (int k = 0; k < n; k++) {
            work[k] += w * work[k + BLOCK];
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
