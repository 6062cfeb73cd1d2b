package dev.timbre.audio.decode.mp3;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fails loudly if a JLayer upgrade moves or changes the tables {@link JLayerTables} reads by reflection: shapes,
 * and a few values checked against ISO/IEC 11172-3 (Annex B) and 13818-3 themselves.
 */
class JLayerTablesTest {

    @Test
    void huffmanTreesAreTheAnnexBTables() {
        assertEquals(34, JLayerTables.HUFFMAN_TREES.length);
        int[] linbits = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 6, 8, 10, 13, 4, 5, 6, 7, 8, 9, 11, 13};
        for (int t = 0; t < 32; t++) {
            assertEquals(linbits[t], JLayerTables.HUFFMAN_TREES[t].linbits(), "linbits of table " + t);
        }
        // Tables 4 and 14 are not defined by the standard; 0 has no codes.
        assertNull(HuffmanTables.TABLES[0]);
        assertNull(HuffmanTables.TABLES[4]);
        assertNull(HuffmanTables.TABLES[14]);
        for (int t = 1; t < 34; t++) {
            if (t != 4 && t != 14) {
                assertNotNull(HuffmanTables.TABLES[t], "table " + t);
            }
        }
    }

    /** Every code of every tree is a complete prefix code (Kraft sum 1) and decodes through the lookup table. */
    @Test
    void lookupTablesDecodeEveryCodeOfTheTrees() {
        for (int t = 1; t < 34; t++) {
            HuffmanTables.Table table = HuffmanTables.TABLES[t];
            if (table == null) {
                continue;
            }
            double kraft = 0;
            for (HuffmanTables.Code code : HuffmanTables.codes(JLayerTables.HUFFMAN_TREES[t])) {
                int[] c = {code.bits(), code.length(), code.value()};
                kraft += Math.pow(2, -c[1]);
                long w = (long) c[0] << (64 - c[1]); // the code left-aligned, as BitReader.window() gives it
                int e = table.lut()[(int) (w >>> (64 - table.primaryBits()))];
                if (e < 0) {
                    int q = ~e;
                    e = table.lut()[(q >>> 5) + (int) ((w << table.primaryBits()) >>> (64 - (q & 31)))];
                }
                assertTrue((e & HuffmanTables.LEAF) != 0, "table " + t + " code found");
                assertEquals(c[1], e & 31, "table " + t + " code length");
                assertEquals(c[2], (e >>> 8) & 0xff, "table " + t + " value");
            }
            assertEquals(1.0, kraft, 1e-12, "table " + t + " is a complete prefix code");
        }
        // Annex B, table 1: "1" codes (0, 0); table 33 codes vwxy in 4 bits as 15 - vwxy.
        assertEquals(0, decodeValue(1, 0b1, 1));
        for (int v = 0; v < 16; v++) {
            assertEquals(v, decodeValue(33, 15 - v, 4), "table 33");
        }
    }

    private static int decodeValue(int table, int code, int length) {
        HuffmanTables.Table t = HuffmanTables.TABLES[table];
        long w = (long) code << (64 - length);
        int e = t.lut()[(int) (w >>> (64 - t.primaryBits()))];
        assertEquals(length, e & 31);
        return (e >>> 8) & 0xff;
    }

    @Test
    void scalefactorBandsPerRate() {
        assertEquals(9, JLayerTables.SFB_LONG.length);
        for (int r = 0; r < 9; r++) {
            int[] l = JLayerTables.SFB_LONG[r];
            int[] s = JLayerTables.SFB_SHORT[r];
            assertEquals(23, l.length, "long bands of rate " + r);
            assertEquals(14, s.length, "short bands of rate " + r);
            assertEquals(576, l[22]);
            assertEquals(192, s[13]);
            for (int i = 1; i < l.length; i++) {
                assertTrue(l[i] > l[i - 1] && l[i] % 2 == 0);
            }
        }
        // 11172-3 Table B.8, 44.1 kHz (index 3), and 13818-3 Table B.2, 22.05 kHz (index 0), the first bands.
        assertArrayEquals(new int[] {0, 4, 8, 12, 16, 20, 24, 30, 36, 44, 52, 62}, java.util.Arrays.copyOf(JLayerTables.SFB_LONG[3], 12));
        assertArrayEquals(new int[] {0, 4, 8, 12, 16, 22, 30, 40, 52, 66, 84, 106, 136, 192}, JLayerTables.SFB_SHORT[3]);
        assertArrayEquals(new int[] {0, 6, 12, 18, 24, 30, 36, 44, 54, 66}, java.util.Arrays.copyOf(JLayerTables.SFB_LONG[0], 10));
        // 8 kHz (MPEG-2.5): short band 3 starts at 24, hence region 1 of short blocks at line 72.
        assertEquals(24, JLayerTables.SFB_SHORT[8][3]);
    }

    @Test
    void scalefactorTables() {
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 3, 2, 0}, JLayerTables.PRETAB);
        assertEquals(2, JLayerTables.SLEN.length);
        assertArrayEquals(new int[] {0, 0, 0, 0, 3, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4}, JLayerTables.SLEN[0]);
        assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 1, 2, 3, 1, 2, 3, 2, 3}, JLayerTables.SLEN[1]);
        assertEquals(6, JLayerTables.NR_OF_SFB_BLOCK.length);
        for (int[][] block : JLayerTables.NR_OF_SFB_BLOCK) {
            assertEquals(3, block.length);
            // Long blocks partition 21 bands, short ones 12 bands x 3 windows (mixed: 6 long + 9 x 3 in MPEG-2).
            assertEquals(21, block[0][0] + block[0][1] + block[0][2] + block[0][3]);
            assertEquals(36, block[1][0] + block[1][1] + block[1][2] + block[1][3]);
            assertEquals(33, block[2][0] + block[2][1] + block[2][2] + block[2][3]);
        }
    }

    @Test
    void synthesisFilterIsThere() {
        assertNotNull(JLayerTables.newSynthesisFilter(32700f));
        assertNotNull(JLayerTables.SYNTH_INPUT);
        assertNotNull(JLayerTables.SYNTH_CALCULATE);
    }
}
