package dev.timbre.audio.decode.mp3;

/**
 * The hybrid filterbank's MDCT half (ISO/IEC 11172-3 2.4.3.4.10): alias reduction between adjacent subbands,
 * the inverse MDCT of each subband's 18 lines (one 36-point transform, or three 12-point ones for short blocks)
 * with its window, overlap-add with the previous granule, and the frequency inversion of odd subbands that the
 * polyphase synthesis expects. One instance holds one output channel's overlap.
 *
 * <p>Everything here is linear, so a granule whose two channels use the same blocks may be downmixed before it
 * (one transform instead of two); when their blocks differ, each channel is transformed with its own windows
 * and the two results are averaged before the overlap-add, which is equally exact.
 */
final class Hybrid {

    /** Alias-reduction butterflies {@code cs = 1 / sqrt(1 + c^2)}, {@code ca = c / sqrt(1 + c^2)}, c from Table B.9. */
    private static final float[] CS = new float[8];
    private static final float[] CA = new float[8];
    /**
     * The 36-point IMDCT {@code x_i = sum_k X_k cos(pi/72 (2i + 19)(2k + 1))} has only 18 distinct outputs up to sign:
     * those of the 18-point DCT-IV {@code y_n = sum_k X_k cos(pi/72 (2n + 1)(2k + 1))}, with {@code x_i = y_{i+9}} for
     * i < 9, {@code -y_{26-i}} for i < 27 and {@code -y_{i-27}} after. So: one 18x18 product, then a 36-sample
     * map whose sign is folded into the window. {@code DCT4[k][n]}: one row per input line, so the product is a sum
     * of scaled rows, a loop the JIT vectorises (it does not when the row is addressed by an offset into one array).
     */
    private static final float[][] DCT4 = new float[18][18];
    /** Per block type 0, 1, 3 (2: the long subbands of a mixed block): window times the sign of the map. */
    private static final float[][] LONG_WINDOW = new float[4][36];
    /**
     * Short blocks likewise: the 12-point IMDCT is the 6-point DCT-IV {@code y_n = sum_k X_k cos(pi/24 (2n+1)(2k+1))}
     * mapped by {@code x_i = y_{i+3}} (i < 3), {@code -y_{8-i}} (i < 9), {@code -y_{i-9}}. {@code SHORT_DCT4[n * 6 + k]}.
     */
    private static final float[] SHORT_DCT4 = new float[6 * 6];
    private static final int[] SHORT_SOURCE = new int[12];
    private static final float[] SHORT_WINDOW = new float[12];

    static {
        double[] c = {-0.6, -0.535, -0.33, -0.185, -0.095, -0.041, -0.0142, -0.0037}; // Table B.9, the Ci
        for (int i = 0; i < 8; i++) {
            double sq = Math.sqrt(1 + c[i] * c[i]);
            CS[i] = (float) (1 / sq);
            CA[i] = (float) (c[i] / sq);
        }
        for (int k = 0; k < 18; k++) {
            for (int n = 0; n < 18; n++) {
                DCT4[k][n] = (float) Math.cos(Math.PI / 72 * (2 * n + 1) * (2 * k + 1));
            }
        }
        for (int i = 0; i < 36; i++) {
            double sign = i < 9 ? 1 : -1;
            for (int type = 0; type < 4; type++) {
                LONG_WINDOW[type][i] = (float) (sign * longWindow(type == 2 ? 0 : type, i));
            }
        }
        for (int n = 0; n < 6; n++) {
            for (int k = 0; k < 6; k++) {
                SHORT_DCT4[n * 6 + k] = (float) Math.cos(Math.PI / 24 * (2 * n + 1) * (2 * k + 1));
            }
        }
        for (int i = 0; i < 12; i++) {
            SHORT_SOURCE[i] = i < 3 ? i + 3 : i < 9 ? 8 - i : i - 9;
            SHORT_WINDOW[i] = (float) ((i < 3 ? 1 : -1) * Math.sin(Math.PI / 12 * (i + 0.5)));
        }
    }

    /** The windows of 2.4.3.4.10.3: normal, start and stop (short blocks: {@link #SHORT_WINDOW}). */
    private static double longWindow(int type, int i) {
        double sin36 = Math.sin(Math.PI / 36 * (i + 0.5));
        return switch (type) {
            case 1 -> i < 18 ? sin36 : i < 24 ? 1 : i < 30 ? Math.sin(Math.PI / 12 * (i - 18 + 0.5)) : 0;
            case 3 -> i < 6 ? 0 : i < 12 ? Math.sin(Math.PI / 12 * (i - 6 + 0.5)) : i < 18 ? 1 : sin36;
            default -> sin36;
        };
    }

    private final float[] overlap = new float[576];
    private final float[] z = new float[36];
    private final float[] z2 = new float[36];
    private final float[] y = new float[18];

    /** Alias reduction in place (none for pure short blocks; only between subbands 0 and 1 for mixed ones). */
    static void antialias(float[] xr, Granule g, int sbLimit) {
        if (g.shortBlocks() && !g.mixed) {
            return;
        }
        int boundaries = g.shortBlocks() ? 1 : Math.min(31, sbLimit);
        for (int sb = 1; sb <= boundaries; sb++) {
            int edge = sb * 18;
            for (int i = 0; i < 8; i++) {
                float bu = xr[edge - 1 - i];
                float bd = xr[edge + i];
                xr[edge - 1 - i] = bu * CS[i] - bd * CA[i];
                xr[edge + i] = bd * CS[i] + bu * CA[i];
            }
        }
    }

    /**
     * IMDCT, overlap-add and frequency inversion of one granule: {@code out[sb][t]} is time slot t of
     * subband sb. Subbands from {@code sbLimit} on are zero in the spectrum, so they only release their overlap.
     * {@code scale} multiplies the spectrum (0.5 for a two-channel downmix, else 1).
     */
    void transform(float[] xr, Granule g, int sbLimit, float scale, float[][] out) {
        for (int sb = 0; sb < sbLimit; sb++) {
            imdct(xr, sb, g, scale, y, z);
            overlapAdd(sb, out);
        }
        release(sbLimit, out);
        invertOddSubbands(out);
    }

    /** As {@link #transform} for two channels with different blocks: the mean of their transforms. */
    void transformMean(float[] xrA, Granule ga, float[] xrB, Granule gb, int sbLimit, float[][] out) {
        for (int sb = 0; sb < sbLimit; sb++) {
            imdct(xrA, sb, ga, 0.5f, y, z);
            imdct(xrB, sb, gb, 0.5f, y, z2);
            for (int i = 0; i < 36; i++) {
                z[i] += z2[i];
            }
            overlapAdd(sb, out);
        }
        release(sbLimit, out);
        invertOddSubbands(out);
    }

    private void overlapAdd(int sb, float[][] out) {
        int o = sb * 18;
        float[] row = out[sb];
        for (int i = 0; i < 18; i++) {
            row[i] = z[i] + overlap[o + i];
            overlap[o + i] = z[18 + i];
        }
    }

    private void release(int fromSb, float[][] out) {
        for (int sb = fromSb; sb < 32; sb++) {
            System.arraycopy(overlap, sb * 18, out[sb], 0, 18);
        }
        java.util.Arrays.fill(overlap, fromSb * 18, 576, 0f);
    }

    private static void invertOddSubbands(float[][] out) {
        for (int sb = 1; sb < 32; sb += 2) {
            float[] row = out[sb];
            for (int t = 1; t < 18; t += 2) {
                row[t] = -row[t];
            }
        }
    }

    /** The windowed IMDCT of subband {@code sb} into {@code z[0..36)}; {@code y} is scratch. */
    private static void imdct(float[] xr, int sb, Granule g, float scale, float[] y, float[] z) {
        int off = sb * 18;
        if (g.shortBlocks() && !(g.mixed && sb < 2)) {
            // Three overlapping 12-point transforms at 6, 12 and 18; lines are interleaved [f][w].
            java.util.Arrays.fill(z, 0f);
            for (int w = 0; w < 3; w++) {
                float x0 = xr[off + w] * scale;
                float x1 = xr[off + 3 + w] * scale;
                float x2 = xr[off + 6 + w] * scale;
                float x3 = xr[off + 9 + w] * scale;
                float x4 = xr[off + 12 + w] * scale;
                float x5 = xr[off + 15 + w] * scale;
                for (int n = 0; n < 6; n++) {
                    int c = n * 6;
                    y[n] = x0 * SHORT_DCT4[c] + x1 * SHORT_DCT4[c + 1] + x2 * SHORT_DCT4[c + 2]
                            + x3 * SHORT_DCT4[c + 3] + x4 * SHORT_DCT4[c + 4] + x5 * SHORT_DCT4[c + 5];
                }
                int base = 6 + 6 * w;
                for (int i = 0; i < 12; i++) {
                    z[base + i] += y[SHORT_SOURCE[i]] * SHORT_WINDOW[i];
                }
            }
            return;
        }
        java.util.Arrays.fill(y, 0f);
        for (int k = 0; k < 18; k++) {
            float x = xr[off + k] * scale;
            if (x != 0f) {
                float[] row = DCT4[k];
                for (int n = 0; n < 18; n++) {
                    y[n] += x * row[n];
                }
            }
        }
        float[] window = LONG_WINDOW[g.shortBlocks() ? 2 : g.blockType];
        for (int i = 0; i < 9; i++) {
            z[i] = y[i + 9] * window[i];
        }
        for (int i = 9; i < 27; i++) {
            z[i] = y[26 - i] * window[i];
        }
        for (int i = 27; i < 36; i++) {
            z[i] = y[i - 27] * window[i];
        }
    }
}
