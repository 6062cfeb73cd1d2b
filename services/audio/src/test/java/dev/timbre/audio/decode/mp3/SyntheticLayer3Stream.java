package dev.timbre.audio.decode.mp3;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes valid MPEG-1 Layer III mono streams (44.1 kHz, 128 kbit/s, main data in its own frame) with random side
 * information and spectra, for the block layouts no encoder at hand produces: mixed blocks above all, and every
 * block type, Huffman table (linbits included), scalefactor length, preflag and subblock gain. Codes come from the
 * same Annex B trees the decoder uses, so the stream tests everything after the tables: compare its decode with
 * JLayer's.
 */
public final class SyntheticLayer3Stream {

    private static final int FRAME_BYTES = 417; // 144 * 128000 / 44100, no padding
    private static final int SIDE_INFO_BYTES = 17;
    private static final int[] BIG_TABLES = {1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 20, 23, 24, 26, 31};

    /** Code of each value per table: {@code CODES.get(t).get(value) = {bits, length}}. */
    private static final List<Map<Integer, int[]>> CODES = new ArrayList<>();

    static {
        for (JLayerTables.HuffTree tree : JLayerTables.HUFFMAN_TREES) {
            Map<Integer, int[]> codes = new HashMap<>();
            if (tree.val() != null && tree.val().length > 1) {
                for (HuffmanTables.Code c : HuffmanTables.codes(tree)) {
                    codes.put(c.value(), new int[] {c.bits(), c.length()});
                }
            }
            CODES.add(codes);
        }
    }

    private SyntheticLayer3Stream() {
    }

    /** MSB-first bit writer. */
    private static final class Bits {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        long acc;
        int n;
        int total;

        void put(int value, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                acc = acc << 1 | ((value >>> i) & 1);
                total++;
                if (++n == 8) {
                    out.write((int) acc);
                    acc = 0;
                    n = 0;
                }
            }
        }

        byte[] bytes(int length) {
            while (n != 0) {
                put(0, 1);
            }
            byte[] b = out.toByteArray();
            return java.util.Arrays.copyOf(b, length);
        }
    }

    /** One granule's side info and main data bits. */
    private record GranuleBits(Granule g, Bits main) {
    }

    /** A stream of {@code frames} frames; block layouts cycle through long, start, short, mixed, stop. */
    public static byte[] stream(long seed, int frames) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int layout = 0;
        for (int f = 0; f < frames; f++) {
            GranuleBits[] grs = new GranuleBits[2];
            for (int gr = 0; gr < 2; gr++) {
                grs[gr] = granule(rnd, layout++ % 5, (FRAME_BYTES - 4 - SIDE_INFO_BYTES) * 8 / 2 - 8);
            }
            Bits side = new Bits();
            side.put(0, 9);  // main_data_begin: this frame's data only
            side.put(0, 5);  // private bits
            side.put(0, 4);  // scfsi: none
            for (GranuleBits gb : grs) {
                Granule g = gb.g();
                side.put(gb.main().total, 12);
                side.put(g.bigValues, 9);
                side.put(g.globalGain, 8);
                side.put(g.scalefacCompress, 4);
                side.put(g.windowSwitching ? 1 : 0, 1);
                if (g.windowSwitching) {
                    side.put(g.blockType, 2);
                    side.put(g.mixed ? 1 : 0, 1);
                    side.put(g.tableSelect[0], 5);
                    side.put(g.tableSelect[1], 5);
                    for (int w = 0; w < 3; w++) {
                        side.put(g.subblockGain[w], 3);
                    }
                } else {
                    for (int r = 0; r < 3; r++) {
                        side.put(g.tableSelect[r], 5);
                    }
                    side.put(g.region0Count, 4);
                    side.put(g.region1Count, 3);
                }
                side.put(g.preflag ? 1 : 0, 1);
                side.put(g.scalefacScale, 1);
                side.put(g.count1Table, 1);
            }
            Bits frame = new Bits();
            frame.put(0xFFFB, 16);          // sync, MPEG-1, Layer III, no CRC
            frame.put(0x90, 8);             // 128 kbit/s, 44.1 kHz, no padding
            frame.put(0xC0, 8);             // mono
            for (byte b : side.bytes(SIDE_INFO_BYTES)) {
                frame.put(b & 0xff, 8);
            }
            for (GranuleBits gb : grs) {
                byte[] m = gb.main().out.toByteArray();
                for (byte b : m) {
                    frame.put(b & 0xff, 8);
                }
                frame.put((int) gb.main().acc, gb.main().n);
            }
            out.writeBytes(frame.bytes(FRAME_BYTES));
        }
        return out.toByteArray();
    }

    private static GranuleBits granule(SplittableRandom rnd, int layout, int maxBits) {
        while (true) {
            Granule g = new Granule();
            g.windowSwitching = layout != 0;
            g.blockType = switch (layout) {
                case 1 -> 1;
                case 2, 3 -> 2;
                case 4 -> 3;
                default -> 0;
            };
            g.mixed = layout == 3;
            g.globalGain = 150 + rnd.nextInt(30);
            g.scalefacCompress = rnd.nextInt(16);
            g.scalefacScale = rnd.nextInt(2);
            g.preflag = !g.shortBlocks() && rnd.nextBoolean();
            g.count1Table = rnd.nextInt(2);
            for (int w = 0; w < 3; w++) {
                g.subblockGain[w] = g.shortBlocks() ? rnd.nextInt(8) : 0;
            }
            for (int r = 0; r < 3; r++) {
                g.tableSelect[r] = BIG_TABLES[rnd.nextInt(BIG_TABLES.length)];
            }
            int[] lb = JLayerTables.SFB_LONG[3];
            int region1;
            int region2;
            if (g.windowSwitching) {
                g.tableSelect[2] = 0;
                g.region0Count = g.blockType == 2 && !g.mixed ? 8 : 7;
                g.region1Count = 20 - g.region0Count;
                region1 = g.shortBlocks() ? 36 : lb[8];
                region2 = 576;
            } else {
                g.region0Count = rnd.nextInt(10);
                g.region1Count = rnd.nextInt(8);
                region1 = lb[g.region0Count + 1];
                region2 = lb[Math.min(g.region0Count + g.region1Count + 2, 22)];
            }
            g.bigValues = 20 + rnd.nextInt(120);
            Bits main = new Bits();
            writeScalefactors(rnd, g, main);
            for (int i = 0; i < 2 * g.bigValues; i += 2) {
                int t = g.tableSelect[i < region1 ? 0 : i < region2 ? 1 : 2];
                pair(rnd, t, main);
            }
            Map<Integer, int[]> quads = CODES.get(32 + g.count1Table);
            int quadCount = rnd.nextInt(Math.max(1, (576 - 2 * g.bigValues) / 4));
            for (int q = 0; q < quadCount; q++) {
                int vwxy = rnd.nextInt(16);
                int[] code = quads.get(vwxy);
                main.put(code[0], code[1]);
                main.put(rnd.nextInt(1 << Integer.bitCount(vwxy)), Integer.bitCount(vwxy));
            }
            if (main.total <= maxBits) {
                return new GranuleBits(g, main);
            }
        }
    }

    private static void writeScalefactors(SplittableRandom rnd, Granule g, Bits main) {
        int slen1 = JLayerTables.SLEN[0][g.scalefacCompress];
        int slen2 = JLayerTables.SLEN[1][g.scalefacCompress];
        int count1;
        int count2;
        if (g.shortBlocks()) {
            count1 = g.mixed ? 8 + 3 * 3 : 6 * 3;
            count2 = 6 * 3;
        } else {
            count1 = 11;
            count2 = 10;
        }
        for (int i = 0; i < count1; i++) {
            main.put(rnd.nextInt(1 << slen1), slen1);
        }
        for (int i = 0; i < count2; i++) {
            main.put(rnd.nextInt(1 << slen2), slen2);
        }
    }

    private static void pair(SplittableRandom rnd, int table, Bits main) {
        JLayerTables.HuffTree tree = JLayerTables.HUFFMAN_TREES[table];
        int max = tree.xlen() - 1;
        // Mostly small values, as in music, sometimes the largest (with linbits when the table has them).
        int x = rnd.nextInt(4) == 0 ? rnd.nextInt(max + 1) : rnd.nextInt(Math.min(3, max + 1));
        int y = rnd.nextInt(4) == 0 ? rnd.nextInt(max + 1) : rnd.nextInt(Math.min(3, max + 1));
        int[] code = CODES.get(table).get(x << 4 | y);
        main.put(code[0], code[1]);
        value(rnd, x, max, tree.linbits(), main);
        value(rnd, y, max, tree.linbits(), main);
    }

    private static void value(SplittableRandom rnd, int v, int max, int linbits, Bits main) {
        if (linbits > 0 && v == max) {
            main.put(rnd.nextInt(Math.min(1 << linbits, 64)), linbits);
        }
        if (v != 0) {
            main.put(rnd.nextInt(2), 1);
        }
    }
}
