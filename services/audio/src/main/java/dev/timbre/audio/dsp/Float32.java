package dev.timbre.audio.dsp;

/**
 * Rounding a double to float32 precision while staying in double arithmetic.
 *
 * <p>Why: numpy rounds the FFT to complex64 and squares in float32 ({@code |X|} then {@code **2}), and
 * we reproduce that per bin. Written with {@code (float)} casts the loop cannot be vectorised by JDK 17's
 * C2 (it only vectorises conversions between types of equal size from JDK 20 on) and its scalar
 * {@code sqrt} cost 2 ns per bin, ~20 % of the feature time. Veltkamp's split
 * {@code hi = c*x - (c*x - x)}, {@code c = 2^29 + 1}, keeps the leading 24 significant bits of
 * {@code x} rounded to nearest, i.e. the float32 value, with plain multiplies and adds that C2 puts
 * into AVX vectors. It differs from {@code (double)(float) x} only for exact ties (the 29 dropped bits
 * exactly {@code 100..0}; they may round away instead of to even), below the float normal range
 * ({@code |x| < 1.2e-38}, where float32 keeps fewer bits; such powers are far below {@code amin = 1e-10})
 * and above {@code ~1e299} (overflow of {@code c*x}).
 */
public final class Float32 {

    private static final double SPLIT = 536_870_913.0; // 2^29 + 1: 53 - 29 = 24 bits kept

    private Float32() {
    }

    /** {@code x} rounded to the nearest float32 value, returned as a double (see class comment for the limits). */
    public static double round(double x) {
        double c = SPLIT * x;
        return c - (c - x);
    }
}
