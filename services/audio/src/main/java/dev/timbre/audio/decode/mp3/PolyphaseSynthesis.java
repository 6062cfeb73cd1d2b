package dev.timbre.audio.decode.mp3;

/**
 * The 32-band polyphase synthesis filterbank (ISO/IEC 11172-3 2.4.3.2.2, Figure A.2) for one output channel, a whole
 * granule (18 time slots of 32 subband samples) at a time, laid out so that the JIT vectorises the heavy parts:
 *
 * <ol>
 * <li>Matrixing {@code V_i = sum_k cos((16 + i)(2k + 1) pi / 64) S_k}, i < 64: its 64 outputs are, up to sign, those
 *     of the 32-point DCT-II {@code X_m = sum_k S_k cos(m (2k + 1) pi / 64)} ({@code V_i = X_{16+i}} for i ≤ 16,
 *     {@code -X_{48-i}} for i < 48, {@code -X_{i-48}} after). The DCT runs as Lee's recursive even/odd split on rows
 *     that hold one subband for all 18 slots, so each butterfly is an 18-wide vector operation.</li>
 * <li>Windowing {@code out_j = sum_{i<8} D[64i + j] V^{(2i)}_j + D[64i + 32 + j] V^{(2i+1)}_{32+j}}, where
 *     {@code V^{(a)}} is the V of the slot {@code a} slots back: with the V halves of the last 16 + 18 slots stored
 *     slot after slot, every term is one long array product at a constant offset over all 576 outputs.</li>
 * </ol>
 *
 * Output is scaled like JLayer's (32700 per unit, then 1/32768) and clipped to ±32767/32768, as its 16-bit path.
 */
final class PolyphaseSynthesis {

    private static final int SLOTS = 18;
    private static final int HISTORY = 16;
    private static final float SCALE = 32700f / 32768f;
    private static final float MAX = 32767f / 32768f;

    /** Lee's factors {@code 1 / (2 cos((2i + 1) pi / (2n)))} for block sizes n = 2, 4, ..., 32. */
    private static final float[][] LEE = new float[33][];
    /** Window taps repeated for every slot: {@code WA[i][t * 32 + j] = D[64i + j]}, {@code WB[i][..] = D[64i + 32 + j]}. */
    private static final float[][] WA = new float[8][SLOTS * 32];
    private static final float[][] WB = new float[8][SLOTS * 32];

    static {
        for (int n = 2; n <= 32; n <<= 1) {
            LEE[n] = new float[n / 2];
            for (int i = 0; i < n / 2; i++) {
                LEE[n][i] = (float) (1 / (2 * Math.cos((2 * i + 1) * Math.PI / (2 * n))));
            }
        }
        float[] d = JLayerTables.SYNTHESIS_WINDOW;
        for (int i = 0; i < 8; i++) {
            for (int q = 0; q < SLOTS * 32; q++) {
                WA[i][q] = d[64 * i + (q & 31)];
                WB[i][q] = d[64 * i + 32 + (q & 31)];
            }
        }
    }

    private final float[][] scratch = new float[32][SLOTS];
    /** V_0..31 and V_32..63 of the last 16 slots and this granule's 18, oldest first: {@code [slot * 32 + j]}. */
    private final float[] va = new float[(HISTORY + SLOTS) * 32];
    private final float[] vb = new float[(HISTORY + SLOTS) * 32];
    private final float[] out = new float[SLOTS * 32];

    /**
     * Synthesises one granule: {@code subbands[sb][t]} (frequency-inverted, as the hybrid filterbank leaves them;
     * overwritten here) to 576 samples at {@code pcm[offset..]}.
     */
    void granule(float[][] subbands, float[] pcm, int offset) {
        dct(subbands, scratch, 0, 32);
        float[] a = va;
        float[] b = vb;
        for (int m = 0; m < 32; m++) {
            // X_m is V_{m-16} (m ≥ 16), -V_{48-m} (1 ≤ m ≤ 31) and -V_{48+m} (m < 16); V_16 = X_32 = 0.
            float[] x = subbands[m];
            if (m >= 16) {
                put(x, a, m - 16, 1f);
            }
            if (m > 16) {
                put(x, a, 48 - m, -1f);
            } else if (m >= 1) {
                put(x, b, 16 - m, -1f);
            }
            if (m < 16) {
                put(x, b, 16 + m, -1f);
            }
        }
        for (int t = 0; t < SLOTS; t++) {
            a[(HISTORY + t) * 32 + 16] = 0f;
        }
        java.util.Arrays.fill(out, 0f);
        // Tap pair i reads V of the slot 2i back (first half) and 2i + 1 back (second half).
        taps(WA[0], a, 512, WB[0], b, 480);
        taps(WA[1], a, 448, WB[1], b, 416);
        taps(WA[2], a, 384, WB[2], b, 352);
        taps(WA[3], a, 320, WB[3], b, 288);
        taps(WA[4], a, 256, WB[4], b, 224);
        taps(WA[5], a, 192, WB[5], b, 160);
        taps(WA[6], a, 128, WB[6], b, 96);
        taps(WA[7], a, 64, WB[7], b, 32);
        float[] o = out;
        for (int q = 0; q < SLOTS * 32; q++) {
            o[q] = Math.max(-MAX, Math.min(MAX, o[q] * SCALE));
        }
        System.arraycopy(o, 0, pcm, offset, SLOTS * 32);
        System.arraycopy(a, SLOTS * 32, a, 0, HISTORY * 32);
        System.arraycopy(b, SLOTS * 32, b, 0, HISTORY * 32);
    }

    /** Stores {@code sign * x[t]} as entry {@code j} of this granule's slots t in {@code v}. */
    private static void put(float[] x, float[] v, int j, float sign) {
        for (int t = 0; t < SLOTS; t++) {
            v[(HISTORY + t) * 32 + j] = sign * x[t];
        }
    }

    /** {@code out += wa * a[off_a..] + wb * b[off_b..]}; called with constant offsets so the loop vectorises. */
    private void taps(float[] wa, float[] a, int offA, float[] wb, float[] b, int offB) {
        float[] o = out;
        for (int q = 0; q < SLOTS * 32; q++) {
            o[q] += wa[q] * a[q + offA] + wb[q] * b[q + offB];
        }
    }

    /**
     * DCT-II of {@code x[off..off+n)} (rows), column by column, result in {@code x}; {@code tmp} rows of the same
     * range are scratch. Lee (1984): {@code X_2k} is the half-size DCT of {@code x_i + x_{n-1-i}}, {@code X_2k+1 =
     * B_k + B_k+1} where B is the half-size DCT of {@code (x_i - x_{n-1-i}) / (2 cos((2i+1) pi / 2n))}.
     */
    private static void dct(float[][] x, float[][] tmp, int off, int n) {
        if (n == 1) {
            return;
        }
        int h = n >> 1;
        float[] f = LEE[n];
        for (int i = 0; i < h; i++) {
            float[] u = x[off + i];
            float[] w = x[off + n - 1 - i];
            float[] s = tmp[off + i];
            float[] d = tmp[off + h + i];
            float fi = f[i];
            for (int t = 0; t < SLOTS; t++) {
                float p = u[t];
                float q = w[t];
                s[t] = p + q;
                d[t] = (p - q) * fi;
            }
        }
        dct(tmp, x, off, h);
        dct(tmp, x, off + h, h);
        for (int k = 0; k < h; k++) {
            System.arraycopy(tmp[off + k], 0, x[off + 2 * k], 0, SLOTS);
            float[] odd = x[off + 2 * k + 1];
            float[] b0 = tmp[off + h + k];
            if (k + 1 < h) {
                float[] b1 = tmp[off + h + k + 1];
                for (int t = 0; t < SLOTS; t++) {
                    odd[t] = b0[t] + b1[t];
                }
            } else {
                System.arraycopy(b0, 0, odd, 0, SLOTS);
            }
        }
    }
}
