package dev.timbre.audio.decode.mp3;

import java.util.Arrays;

/**
 * One channel's scalefactors (ISO/IEC 11172-3 2.4.2.7 and 13818-3 2.4.3.2), kept between granules for MPEG-1's
 * scfsi reuse. Also records, per band, the intensity position that means "not intensity coded": 7 in MPEG-1,
 * the largest value of the band's scalefactor length in MPEG-2 (13818-3 2.4.3.2).
 */
final class ScaleFactors {

    final int[] l = new int[23];
    final int[][] s = new int[3][13];
    final int[] illegalL = new int[23];
    final int[][] illegalS = new int[3][13];
    /** MPEG-2 only: scalefactors read by group, before being dealt out to bands. */
    private final int[] buffer = new int[54];
    private final int[] bufferIllegal = new int[54];

    /** Long bands of a mixed block: those below line 36 (the two long subbands); 8 at 44.1 kHz, 6 in MPEG-2. */
    static int mixedLongBands(int rateIndex) {
        int[] sfb = JLayerTables.SFB_LONG[rateIndex];
        int n = 0;
        while (sfb[n] < 36) {
            n++;
        }
        return n;
    }

    void readMpeg1(BitReader br, Granule g, boolean[] scfsi, int gr) {
        int slen1 = JLayerTables.SLEN[0][g.scalefacCompress];
        int slen2 = JLayerTables.SLEN[1][g.scalefacCompress];
        if (g.shortBlocks()) {
            int first = 0;
            if (g.mixed) {
                for (int sfb = 0; sfb < 8; sfb++) {
                    l[sfb] = br.read(slen1);
                }
                first = 3;
            }
            for (int sfb = first; sfb < 12; sfb++) {
                int len = sfb < 6 ? slen1 : slen2;
                for (int w = 0; w < 3; w++) {
                    s[w][sfb] = br.read(len);
                }
            }
            for (int w = 0; w < 3; w++) {
                s[w][12] = 0;
            }
        } else {
            // Band groups 0-5, 6-10, 11-15, 16-20; granule 1 may reuse granule 0's values per group.
            readGroup(br, 0, 6, slen1, gr == 0 || !scfsi[0]);
            readGroup(br, 6, 11, slen1, gr == 0 || !scfsi[1]);
            readGroup(br, 11, 16, slen2, gr == 0 || !scfsi[2]);
            readGroup(br, 16, 21, slen2, gr == 0 || !scfsi[3]);
            l[21] = 0;
            l[22] = 0;
        }
        Arrays.fill(illegalL, 7);
        for (int[] w : illegalS) {
            Arrays.fill(w, 7);
        }
    }

    private void readGroup(BitReader br, int from, int to, int len, boolean read) {
        if (read) {
            for (int sfb = from; sfb < to; sfb++) {
                l[sfb] = br.read(len);
            }
        }
    }

    /**
     * MPEG-2/2.5: scalefac_compress selects four slen values and a partition of the bands into four groups
     * ({@code nr_of_sfb_block}); the right channel of an intensity-stereo frame uses its own partitions and
     * has no preflag. Sets {@code g.preflag}.
     */
    void readLsf(BitReader br, Granule g, boolean intensityRight, int rateIndex) {
        int c = g.scalefacCompress;
        int[] slen = new int[4];
        int block;
        boolean preflag = false;
        if (!intensityRight) {
            if (c < 400) {
                slen[0] = (c >>> 4) / 5;
                slen[1] = (c >>> 4) % 5;
                slen[2] = (c & 15) >>> 2;
                slen[3] = c & 3;
                block = 0;
            } else if (c < 500) {
                c -= 400;
                slen[0] = (c >>> 2) / 5;
                slen[1] = (c >>> 2) % 5;
                slen[2] = c & 3;
                block = 1;
            } else {
                c -= 500;
                slen[0] = c / 3;
                slen[1] = c % 3;
                preflag = true;
                block = 2;
            }
        } else {
            c >>>= 1;
            if (c < 180) {
                slen[0] = c / 36;
                slen[1] = (c % 36) / 6;
                slen[2] = c % 6;
                block = 3;
            } else if (c < 244) {
                c -= 180;
                slen[0] = (c & 63) >>> 4;
                slen[1] = (c & 15) >>> 2;
                slen[2] = c & 3;
                block = 4;
            } else {
                c -= 244;
                slen[0] = c / 3;
                slen[1] = c % 3;
                block = 5;
            }
        }
        g.preflag = preflag;
        int type = g.shortBlocks() ? (g.mixed ? 2 : 1) : 0;
        int[] groups = JLayerTables.NR_OF_SFB_BLOCK[block][type];
        int m = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < groups[i]; j++) {
                buffer[m] = br.read(slen[i]);
                bufferIllegal[m] = (1 << slen[i]) - 1;
                m++;
            }
        }
        Arrays.fill(buffer, m, buffer.length, 0);
        Arrays.fill(bufferIllegal, m, bufferIllegal.length, 0);
        m = 0;
        if (g.shortBlocks()) {
            int first = 0;
            if (g.mixed) {
                int longBands = mixedLongBands(rateIndex);
                for (int sfb = 0; sfb < longBands; sfb++, m++) {
                    l[sfb] = buffer[m];
                    illegalL[sfb] = bufferIllegal[m];
                }
                first = 3;
            }
            for (int sfb = first; sfb < 12; sfb++) {
                for (int w = 0; w < 3; w++, m++) {
                    s[w][sfb] = buffer[m];
                    illegalS[w][sfb] = bufferIllegal[m];
                }
            }
            for (int w = 0; w < 3; w++) {
                s[w][12] = 0;
                illegalS[w][12] = illegalS[w][11];
            }
        } else {
            for (int sfb = 0; sfb < 21; sfb++, m++) {
                l[sfb] = buffer[m];
                illegalL[sfb] = bufferIllegal[m];
            }
            l[21] = l[22] = 0;
            illegalL[21] = illegalL[22] = illegalL[20];
        }
    }
}
