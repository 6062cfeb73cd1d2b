package dev.timbre.audio.decode.mp3;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Joint stereo on hand-made spectra (LAME writes no intensity stereo, so no fixture has it): mid/side, and
 * intensity stereo in MPEG-1 (ratio {@code tan(pos pi / 12)}) and MPEG-2 (powers of {@code io}), long and short
 * blocks, with the "not intensity coded" position falling back to mid/side.
 */
class StereoTest {

    private static final int RATE_44K = 3;
    private static final int RATE_22K = 0;
    private static final float EPS = 1e-6f;

    private static FrameHeader joint(int version, int modeExtension) {
        return new FrameHeader(version, false, version == 1 ? 44100 : 22050, version == 1 ? RATE_44K : RATE_22K,
                FrameHeader.JOINT_STEREO, modeExtension, 417);
    }

    private static float[] ramp() {
        float[] x = new float[576];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.001f * (i + 1);
        }
        return x;
    }

    @Test
    void midSide() {
        float[] l = ramp();
        float[] r = new float[576];
        Arrays.fill(r, 0.25f);
        float[] m = l.clone();
        Stereo.apply(l, r, joint(1, 2), new Granule(), new ScaleFactors(), RATE_44K, 576);
        for (int i = 0; i < 576; i++) {
            assertEquals((m[i] + 0.25f) / Math.sqrt(2), l[i], EPS);
            assertEquals((m[i] - 0.25f) / Math.sqrt(2), r[i], EPS);
        }
    }

    @Test
    void mpeg1IntensityLongBlocks() {
        int[] sfb = JLayerTables.SFB_LONG[RATE_44K];
        float[] l = ramp();
        float[] r = new float[576];
        Arrays.fill(r, 0, sfb[10] - 1, 0.5f); // right channel non-zero up to band 9: intensity from band 10 on
        float[] m = l.clone();
        ScaleFactors sf = new ScaleFactors();
        Arrays.fill(sf.illegalL, 7);
        for (int b = 0; b < 21; b++) {
            sf.l[b] = b % 8; // positions 0..6, and 7 = not intensity coded
        }
        Stereo.apply(l, r, joint(1, 3), new Granule(), sf, RATE_44K, 576);
        for (int i = 0; i < 576; i++) {
            int band = 0;
            while (sfb[band + 1] <= i) {
                band++;
            }
            float side = i < sfb[10] - 1 ? 0.5f : 0f;
            int pos = sf.l[Math.min(band, 20)];
            if (band < 10 || pos == 7) {
                assertEquals((m[i] + side) / Math.sqrt(2), l[i], EPS, "mid/side at " + i);
                assertEquals((m[i] - side) / Math.sqrt(2), r[i], EPS, "mid/side at " + i);
            } else {
                double ratio = Math.tan(pos * Math.PI / 12);
                assertEquals(m[i] * ratio / (1 + ratio), l[i], EPS, "intensity left at " + i);
                assertEquals(m[i] / (1 + ratio), r[i], EPS, "intensity right at " + i);
            }
        }
    }

    @Test
    void mpeg2IntensityShortBlocksPerWindow() {
        int[] sb = JLayerTables.SFB_SHORT[RATE_22K];
        Granule g = new Granule();
        g.windowSwitching = true;
        g.blockType = 2;
        g.scalefacCompress = 1; // intensity_scale 1: io = 2^-1/2
        float[] l = ramp();
        float[] r = new float[576];
        // Window 1 has right-channel data up to band 5; windows 0 and 2 have none.
        int width5 = sb[6] - sb[5];
        Arrays.fill(r, 3 * sb[5] + width5, 3 * sb[5] + 2 * width5, 0.5f);
        float[] m = l.clone();
        ScaleFactors sf = new ScaleFactors();
        for (int w = 0; w < 3; w++) {
            for (int b = 0; b < 12; b++) {
                sf.s[w][b] = (b + w) % 4;
                sf.illegalS[w][b] = 3; // slen 2: position 3 means "not intensity coded"
            }
            sf.illegalS[w][12] = 3;
        }
        Stereo.apply(l, r, joint(2, 1), g, sf, RATE_22K, 576);
        double io = Math.pow(2, -0.5);
        for (int b = 0; b < 13; b++) {
            int width = sb[b + 1] - sb[b];
            for (int w = 0; w < 3; w++) {
                int pos = sf.s[w][Math.min(b, 11)];
                boolean intensity = (w != 1 || b > 5) && pos != 3;
                for (int f = 0; f < width; f++) {
                    int i = 3 * sb[b] + w * width + f;
                    if (intensity) {
                        double kl = pos % 2 == 1 ? Math.pow(io, (pos + 1) / 2) : 1;
                        double kr = pos % 2 == 0 && pos > 0 ? Math.pow(io, pos / 2) : 1;
                        assertEquals(m[i] * kl, l[i], EPS, "window " + w + " band " + b);
                        assertEquals(m[i] * kr, r[i], EPS, "window " + w + " band " + b);
                    } else {
                        // Mode extension 1 = intensity only: non-intensity bands stay as coded.
                        assertEquals(m[i], l[i], EPS, "window " + w + " band " + b);
                    }
                }
            }
        }
    }
}
