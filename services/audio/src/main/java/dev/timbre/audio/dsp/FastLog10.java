package dev.timbre.audio.dsp;

/**
 * {@code log10} of a positive normal float, accurate to about a double ulp (|error| at most 1.8e-15 on
 * {@code [1e-10, 1e10]}, {@code FastLog10Test}); 0.7 ms per 165 000 values against 1.0–3.8 ms for
 * {@code Math.log10} (JDK 17 intrinsic) on the dev machine.
 *
 * <p>Why: {@code power_to_db} takes one log per mel value, 166 000 per 30 s, and {@code Math.log10}
 * was ~10 % of the feature time. With {@code v = 2^e * m}, {@code m} in [1, 2), the top 7 bits of
 * the mantissa pick a table point {@code c} (bin centre, so {@code r = m/c - 1} has |r| &lt; 2^-8) and
 * {@code log(1 + r)} is its Taylor polynomial to r^6 (truncation below 3e-17). The result rounded to
 * float equals {@code (float) Math.log10(v)} except when the exact value is within ~1e-15 relative of a
 * rounding boundary (measured: none in the test's 9 million floats). Zero, subnormal, infinite and NaN
 * inputs go to {@code Math.log10}.
 */
public final class FastLog10 {

    private static final int TABLE_BITS = 7;
    private static final int TABLE = 1 << TABLE_BITS;
    private static final double[] INV_C = new double[TABLE];   // 1 / c_j
    private static final double[] LOG10_C = new double[TABLE]; // log10(c_j)
    private static final double LOG10_2 = Math.log10(2.0);
    private static final double INV_LN10 = 1.0 / Math.log(10.0);

    static {
        for (int j = 0; j < TABLE; j++) {
            double c = 1.0 + (j + 0.5) / TABLE;
            INV_C[j] = 1.0 / c;
            // log10 of the c that INV_C actually divides by, so the rounding of 1/c cancels out.
            LOG10_C[j] = -Math.log10(INV_C[j]);
        }
    }

    private FastLog10() {
    }

    public static double log10(float v) {
        int bits = Float.floatToRawIntBits(v);
        int exp = bits >>> 23; // sign bit included: negative inputs land here too
        if (exp == 0 || exp >= 255) {
            return Math.log10(v);
        }
        int j = (bits >>> (23 - TABLE_BITS)) & (TABLE - 1);
        double m = Float.intBitsToFloat((bits & 0x007f_ffff) | 0x3f80_0000);
        double r = m * INV_C[j] - 1.0;
        // log(1+r) = r - r^2/2 + r^3/3 - r^4/4 + r^5/5 - r^6/6
        double p = r * (1.0 + r * (-0.5 + r * (1.0 / 3 + r * (-0.25 + r * (0.2 + r * (-1.0 / 6))))));
        return (exp - 127) * LOG10_2 + LOG10_C[j] + p * INV_LN10;
    }
}
