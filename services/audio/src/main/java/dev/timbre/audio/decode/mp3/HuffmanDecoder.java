package dev.timbre.audio.decode.mp3;

/**
 * Reads one granule's quantised spectrum (ISO/IEC 11172-3 2.4.2.7, "Huffman code bits"): the big-values pairs in
 * up to three regions with their own tables (plus linbits escapes and sign bits), then count1 quadruples of
 * values in -1..1 until the granule's bits are used up. Same decisions as JLayer's {@code huffman_decode}: a
 * quadruple that runs past {@code part2_3_end} is dropped.
 */
final class HuffmanDecoder {

    /** Count1 quadruple {@code vwxy} with its sign bits {@code s} (first non-zero value's sign in the top bit) to four bytes v, w, x, y. */
    private static final int[] QUADS = new int[256];

    static {
        for (int vwxy = 0; vwxy < 16; vwxy++) {
            int n = Integer.bitCount(vwxy);
            for (int s = 0; s < 1 << n; s++) {
                int packed = 0;
                int signBit = n - 1;
                for (int bit = 3; bit >= 0; bit--) {
                    int v = (vwxy >>> bit) & 1;
                    if (v != 0) {
                        v = ((s >>> signBit--) & 1) != 0 ? -1 : 1;
                    }
                    packed = packed << 8 | (v & 0xff);
                }
                QUADS[vwxy << 4 | s] = packed;
            }
        }
    }

    private HuffmanDecoder() {
    }

    /**
     * Decodes into {@code is} (length ≥ 580) and returns the number of lines read: the lines from there on are zero
     * (the array is not cleared there; callers read only below the count).
     * {@code end}: bit position where this granule's Huffman data ends.
     */
    static int decode(BitReader br, Granule g, int rateIndex, int end, int[] is) {
        int region1;
        int region2;
        if (g.shortBlocks()) {
            region1 = 3 * JLayerTables.SFB_SHORT[rateIndex][3]; // 36 lines (72 at 8 kHz)
            region2 = 576;
        } else {
            int[] lb = JLayerTables.SFB_LONG[rateIndex];
            region1 = lb[Math.min(g.region0Count + 1, lb.length - 1)];
            region2 = lb[Math.min(g.region0Count + g.region1Count + 2, lb.length - 1)];
        }
        int big = g.bigValues * 2;
        region1 = Math.min(region1, big);
        region2 = Math.min(Math.max(region2, region1), big);
        pairs(br, g.tableSelect[0], is, 0, region1);
        pairs(br, g.tableSelect[1], is, region1, region2);
        pairs(br, g.tableSelect[2], is, region2, big);
        return quadruples(br, HuffmanTables.TABLES[32 + g.count1Table], is, big, end);
    }

    private static void pairs(BitReader br, int tableIndex, int[] is, int from, int to) {
        HuffmanTables.Table t = HuffmanTables.TABLES[tableIndex];
        if (t == null) {
            // Table 0 codes zeros with no bits; 4 and 14 do not exist (damaged side info): zeros as well.
            java.util.Arrays.fill(is, from, Math.max(from, to), 0);
            return;
        }
        int[] lut = t.lut();
        int p = t.primaryBits();
        int linbits = t.linbits();
        byte[] buf = br.buffer();
        int pos = br.position(); // a local, not the reader's field: one load and no store per pair
        for (int i = from; i < to; i += 2) {
            long w = BitReader.window(buf, pos);
            int e = entry(lut, p, w);
            int used = e & 31;
            int x = (e >>> 12) & 15;
            int y = (e >>> 8) & 15;
            if (x == 15 && linbits != 0) {
                x += (int) ((w << used) >>> (64 - linbits));
                used += linbits;
            }
            int nz = (x | -x) >>> 31; // 1 when x != 0: a sign bit follows
            int sign = (int) ((w << used) >> 63) & -nz;
            x = (x ^ sign) - sign; // branch-free: signs are random, a branch would mispredict half the time
            used += nz;
            if (y == 15 && linbits != 0) {
                y += (int) ((w << used) >>> (64 - linbits));
                used += linbits;
            }
            nz = (y | -y) >>> 31;
            sign = (int) ((w << used) >> 63) & -nz;
            y = (y ^ sign) - sign;
            used += nz;
            pos += used;
            is[i] = x;
            is[i + 1] = y;
        }
        br.seek(pos);
    }

    /**
     * The table entry of the code at the top of {@code w}: one lookup of the first {@code p} bits, a second one for
     * codes longer than that (a negative entry points to its sub-table).
     */
    private static int entry(int[] lut, int p, long w) {
        int e = lut[(int) (w >>> (64 - p))];
        if (e < 0) {
            int q = ~e;
            e = lut[(q >>> 5) + (int) ((w << p) >>> (64 - (q & 31)))];
        }
        if ((e & HuffmanTables.LEAF) == 0) {
            throw new DamagedFrameException("invalid Huffman code");
        }
        return e;
    }

    private static int quadruples(BitReader br, HuffmanTables.Table t, int[] is, int index, int end) {
        int[] lut = t.lut();
        int p = t.primaryBits();
        while (br.position() < end && index < 576) {
            long w = br.window();
            int e = entry(lut, p, w);
            int used = e & 31;
            int vwxy = (e >>> 8) & 15;
            // The sign bits of the non-zero values follow the code; QUADS maps (vwxy, signs) to the four values.
            int n = Integer.bitCount(vwxy);
            int signs = (int) ((w << used) >>> 60) >>> (4 - n);
            int packed = QUADS[vwxy << 4 | signs];
            is[index] = (byte) (packed >>> 24);
            is[index + 1] = (byte) (packed >>> 16);
            is[index + 2] = (byte) (packed >>> 8);
            is[index + 3] = (byte) packed;
            index += 4;
            br.skip(used + n);
        }
        if (br.position() > end) {
            index -= 4; // the last quadruple ran past the granule: it was stuffing, not data
        }
        return Math.min(index, 576);
    }
}
