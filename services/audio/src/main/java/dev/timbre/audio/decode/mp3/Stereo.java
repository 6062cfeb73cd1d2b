package dev.timbre.audio.decode.mp3;

/**
 * Joint stereo (ISO/IEC 11172-3 2.4.3.4.9, 13818-3 2.4.3.2): mid/side ({@code L = (M + S) / sqrt 2},
 * {@code R = (M - S) / sqrt 2}) and intensity stereo, where the bands above the last non-zero band of the right
 * channel carry only the left channel's values and a position per band, from which both channels are scaled.
 * Runs on the requantised spectra in bitstream order (short blocks window-major), as the reference decoder does.
 */
final class Stereo {

    private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
    /** MPEG-1 intensity factors {@code k_L = r / (1 + r)}, {@code k_R = 1 / (1 + r)}, {@code r = tan(pos * pi / 12)}. */
    private static final float[] MPEG1_LEFT = new float[7];
    private static final float[] MPEG1_RIGHT = new float[7];
    /** MPEG-2 intensity factors {@code io^((pos + 1) / 2)} / {@code io^(pos / 2)}, {@code io = 2^-((scale + 1) / 4)}. */
    private static final float[][] LSF_LEFT = new float[2][32];
    private static final float[][] LSF_RIGHT = new float[2][32];

    static {
        for (int pos = 0; pos < 7; pos++) {
            double r = Math.tan(pos * Math.PI / 12);
            MPEG1_LEFT[pos] = (float) (r / (1 + r));
            MPEG1_RIGHT[pos] = (float) (1 / (1 + r));
        }
        for (int scale = 0; scale < 2; scale++) {
            for (int pos = 0; pos < 32; pos++) {
                double io = Math.pow(2, -(scale + 1) / 4.0);
                boolean odd = (pos & 1) != 0;
                LSF_LEFT[scale][pos] = odd ? (float) Math.pow(io, (pos + 1) / 2) : 1f;
                LSF_RIGHT[scale][pos] = odd || pos == 0 ? 1f : (float) Math.pow(io, pos / 2);
            }
        }
    }

    private Stereo() {
    }

    /** Processes one granule's two channels in place. {@code bound}: lines at and above it are zero in both. */
    static void apply(float[] left, float[] right, FrameHeader h, Granule gr, ScaleFactors sfRight, int rateIndex, int bound) {
        boolean ms = h.msStereo();
        if (!h.intensityStereo()) {
            if (ms) {
                midSide(left, right, 0, bound);
            }
            return;
        }
        boolean mpeg1 = h.mpeg1();
        int scale = gr.scalefacCompress & 1; // MPEG-2 intensity_scale, from the right channel
        int[] lb = JLayerTables.SFB_LONG[rateIndex];
        int[] sb = JLayerTables.SFB_SHORT[rateIndex];
        int longBands = 22;
        if (gr.shortBlocks()) {
            int firstShort = gr.mixed ? 3 : 0;
            boolean shortPartZero = true;
            for (int w = 0; w < 3; w++) {
                // Intensity coding starts above the highest band of this window with a non-zero right value.
                int start = firstShort;
                for (int sfb = 12; sfb >= firstShort; sfb--) {
                    int width = sb[sfb + 1] - sb[sfb];
                    int from = 3 * sb[sfb] + w * width;
                    if (anyNonZero(right, from, from + width)) {
                        start = sfb + 1;
                        shortPartZero = false;
                        break;
                    }
                }
                for (int sfb = firstShort; sfb < 13; sfb++) {
                    int width = sb[sfb + 1] - sb[sfb];
                    int from = 3 * sb[sfb] + w * width;
                    int band = Math.min(sfb, 11); // band 12 has no scalefactor: it uses band 11's position
                    band(left, right, from, from + width, sfb >= start, sfRight.s[w][band], sfRight.illegalS[w][band],
                            mpeg1, scale, ms);
                }
            }
            if (!gr.mixed) {
                return;
            }
            longBands = ScaleFactors.mixedLongBands(rateIndex);
            if (!shortPartZero) {
                // Right channel is non-zero above the long part: no intensity coding in it.
                if (ms) {
                    midSide(left, right, 0, lb[longBands]);
                }
                return;
            }
        }
        int last = -1;
        for (int i = lb[longBands] - 1; i >= 0; i--) {
            if (right[i] != 0f) {
                last = i;
                break;
            }
        }
        for (int sfb = 0; sfb < longBands; sfb++) {
            int band = Math.min(sfb, 20); // band 21 has no scalefactor: it uses band 20's position
            band(left, right, lb[sfb], lb[sfb + 1], lb[sfb] > last, sfRight.l[band], sfRight.illegalL[band], mpeg1, scale, ms);
        }
    }

    private static void band(float[] left, float[] right, int from, int to, boolean intensityRegion, int pos, int illegal,
                             boolean mpeg1, int scale, boolean ms) {
        if (!intensityRegion || pos == illegal) {
            if (ms) {
                midSide(left, right, from, to);
            }
            return;
        }
        float kl;
        float kr;
        if (mpeg1) {
            if (pos > 6) { // only reachable on damaged data: 7 is the illegal position
                return;
            }
            kl = MPEG1_LEFT[pos];
            kr = MPEG1_RIGHT[pos];
        } else {
            kl = LSF_LEFT[scale][pos];
            kr = LSF_RIGHT[scale][pos];
        }
        for (int i = from; i < to; i++) {
            float v = left[i];
            left[i] = v * kl;
            right[i] = v * kr;
        }
    }

    private static void midSide(float[] left, float[] right, int from, int to) {
        for (int i = from; i < to; i++) {
            float m = left[i];
            float s = right[i];
            left[i] = (m + s) * INV_SQRT2;
            right[i] = (m - s) * INV_SQRT2;
        }
    }

    private static boolean anyNonZero(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (x[i] != 0f) {
                return true;
            }
        }
        return false;
    }
}
