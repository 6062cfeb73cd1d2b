package dev.timbre.audio.decode.mp3;

/**
 * Requantisation (ISO/IEC 11172-3 2.4.3.4.7): {@code xr = sign(is) * |is|^(4/3) * 2^((global_gain - 210) / 4)
 * * 2^-(scalefac_multiplier * (sf + preflag * pretab)) * 2^(-2 * subblock_gain)}, band by band, from precomputed
 * tables; and the reordering of short-block spectra from window-major to frequency-major order.
 */
final class Requantizer {

    /** Largest |is|: 15 plus 13 linbits. */
    static final int MAX_QUANT = 15 + 8191;
    /** {@code |i|^(4/3)}. */
    private static final float[] POW43 = new float[MAX_QUANT + 1];
    /** {@code 2^((g - 210) / 4)} for every 8-bit global gain. */
    private static final float[] GLOBAL_GAIN = new float[256];
    /** {@code 2^(-i / 2)}: the scalefactor and subblock-gain attenuation in half-power-of-two steps. */
    private static final float[] NEG_HALF_POW = new float[64];

    static {
        for (int i = 0; i < POW43.length; i++) {
            POW43[i] = (float) Math.pow(i, 4.0 / 3.0);
        }
        for (int g = 0; g < GLOBAL_GAIN.length; g++) {
            GLOBAL_GAIN[g] = (float) Math.pow(2.0, 0.25 * (g - 210.0));
        }
        for (int i = 0; i < NEG_HALF_POW.length; i++) {
            NEG_HALF_POW[i] = (float) Math.pow(2.0, -0.5 * i);
        }
    }

    private Requantizer() {
    }

    /**
     * Requantises {@code is[0..nonzero)} into {@code xr[0..576)} (zero above {@code nonzero}); short blocks stay in
     * the bitstream's window-major band order.
     */
    static void dequantize(int[] is, int nonzero, Granule g, ScaleFactors sf, int rateIndex, float[] xr) {
        float global = GLOBAL_GAIN[g.globalGain];
        int[] lb = JLayerTables.SFB_LONG[rateIndex];
        int[] sb = JLayerTables.SFB_SHORT[rateIndex];
        int shift = g.scalefacScale;
        int end = 0;
        if (!g.shortBlocks() || g.mixed) {
            int longBands = g.shortBlocks() ? ScaleFactors.mixedLongBands(rateIndex) : 22;
            for (int sfb = 0; sfb < longBands && end < nonzero; sfb++) {
                int from = lb[sfb];
                end = Math.min(lb[sfb + 1], nonzero);
                int exp = (sf.l[sfb] + (g.preflag ? JLayerTables.PRETAB[sfb] : 0)) << shift;
                scale(is, xr, from, end, global * NEG_HALF_POW[exp]);
            }
        }
        if (g.shortBlocks()) {
            int first = g.mixed ? 3 : 0;
            if (end < 3 * sb[first]) {
                // Only at 8 kHz: a mixed block's two long subbands end before short band 3 starts.
                java.util.Arrays.fill(xr, end, 3 * sb[first], 0f);
            }
            for (int sfb = first; sfb < 13 && end < nonzero; sfb++) {
                int width = sb[sfb + 1] - sb[sfb];
                int start = 3 * sb[sfb];
                for (int w = 0; w < 3; w++) {
                    int from = start + w * width;
                    end = Math.min(from + width, nonzero);
                    int exp = (sf.s[w][sfb] << shift) + (g.subblockGain[w] << 2);
                    scale(is, xr, from, end, global * NEG_HALF_POW[exp]);
                }
            }
        }
        java.util.Arrays.fill(xr, nonzero, 576, 0f); // every line below nonzero was written above
    }

    private static void scale(int[] is, float[] xr, int from, int to, float gain) {
        for (int i = from; i < to; i++) {
            int v = is[i];
            // Branch-free sign: signs of music spectra are random, so a branch here mispredicts half the time.
            float m = POW43[Math.abs(v)] * gain;
            xr[i] = Float.intBitsToFloat(Float.floatToRawIntBits(m) ^ (v & 0x80000000));
        }
    }

    /**
     * Short-block bands are coded window by window ({@code [w][f]}); the filterbank wants each subband's 18 lines
     * interleaved ({@code [f][w]}). Mixed blocks keep their two long subbands as they are. Bands starting at or
     * above {@code bound} are all zero and left alone.
     */
    static void reorder(float[] xr, Granule g, int rateIndex, int bound, float[] tmp) {
        int[] sb = JLayerTables.SFB_SHORT[rateIndex];
        for (int sfb = g.mixed ? 3 : 0; sfb < 13 && 3 * sb[sfb] < bound; sfb++) {
            int width = sb[sfb + 1] - sb[sfb];
            int start = 3 * sb[sfb];
            for (int w = 0; w < 3; w++) {
                for (int f = 0; f < width; f++) {
                    tmp[start + 3 * f + w] = xr[start + w * width + f];
                }
            }
            System.arraycopy(tmp, start, xr, start, 3 * width);
        }
    }
}
