package dev.timbre.audio.decode.mp3;

import java.util.ArrayList;
import java.util.List;

/**
 * The Layer III Huffman codes as two-level lookup tables, built once from the code trees. Why: walking the
 * tree one bit at a time (what JLayer does) was its largest cost; here a code is found with one or two array
 * reads indexed by the next bits of the {@link BitReader#window()}: the first {@code primaryBits} bits pick an
 * entry that is either the decoded value or, for the rarer longer codes, a pointer to a second-level table
 * indexed by the following bits.
 *
 * <p>Entry layout: a leaf is {@code value << 8 | 0x80 | codeLength} (value {@code x << 4 | y} for pairs,
 * {@code vwxy} for quadruples; length counted from the first bit); a pointer is {@code ~(offset << 5 | subBits)}
 * (negative); 0 marks a bit pattern that starts no code.
 */
final class HuffmanTables {

    static final int LEAF = 0x80;
    private static final int MAX_PRIMARY_BITS = 10;

    /** One decodable table; null in {@link #TABLES} for table 0 (all zero, no bits) and the unused 4 and 14. */
    record Table(int[] lut, int primaryBits, int linbits) {
    }

    static final Table[] TABLES = new Table[JLayerTables.HUFFMAN_TREES.length];

    static {
        for (int i = 0; i < TABLES.length; i++) {
            JLayerTables.HuffTree tree = JLayerTables.HUFFMAN_TREES[i];
            if (tree.val() != null && tree.val().length > 1) {
                TABLES[i] = build(tree);
            }
        }
    }

    private HuffmanTables() {
    }

    /** One code of a tree: its {@code length} bits (right-aligned in {@code bits}) and the value it stands for. */
    record Code(int bits, int length, int value) {
    }

    /** Every code of {@code tree} (the tables' source; the tests build and check streams from the same list). */
    static List<Code> codes(JLayerTables.HuffTree tree) {
        List<Code> codes = new ArrayList<>();
        collect(tree.val(), 0, 0, 0, codes);
        return codes;
    }

    static Table build(JLayerTables.HuffTree tree) {
        List<Code> codes = codes(tree);
        int maxLen = 0;
        for (Code c : codes) {
            maxLen = Math.max(maxLen, c.length);
        }
        int p = Math.min(maxLen, MAX_PRIMARY_BITS);
        // Second-level size per primary prefix: enough bits for its longest code.
        int[] subBits = new int[1 << p];
        for (Code c : codes) {
            if (c.length > p) {
                int prefix = c.bits >>> (c.length - p);
                subBits[prefix] = Math.max(subBits[prefix], c.length - p);
            }
        }
        int size = 1 << p;
        int[] offset = new int[1 << p];
        for (int prefix = 0; prefix < subBits.length; prefix++) {
            if (subBits[prefix] > 0) {
                offset[prefix] = size;
                size += 1 << subBits[prefix];
            }
        }
        int[] lut = new int[size];
        for (int prefix = 0; prefix < subBits.length; prefix++) {
            if (subBits[prefix] > 0) {
                lut[prefix] = ~(offset[prefix] << 5 | subBits[prefix]);
            }
        }
        for (Code c : codes) {
            int leaf = c.value << 8 | LEAF | c.length;
            if (c.length <= p) {
                int first = c.bits << (p - c.length);
                fill(lut, first, 1 << (p - c.length), leaf);
            } else {
                int prefix = c.bits >>> (c.length - p);
                int restLen = c.length - p;
                int rest = c.bits & ((1 << restLen) - 1);
                int sb = subBits[prefix];
                fill(lut, offset[prefix] + (rest << (sb - restLen)), 1 << (sb - restLen), leaf);
            }
        }
        return new Table(lut, p, tree.linbits());
    }

    private static void fill(int[] lut, int from, int n, int v) {
        for (int i = from; i < from + n; i++) {
            if (lut[i] != 0) {
                throw new IllegalStateException("Huffman tree is not a prefix code");
            }
            lut[i] = v;
        }
    }

    /**
     * Every code of the tree below {@code node}, found with JLayer's own traversal rule: {@code val[node][0] == 0}
     * marks a leaf holding the value in {@code val[node][1]}; otherwise bit b leads to {@code node + val[node][b]}
     * (offsets of 250 or more are chained, as in {@code huffcodetab.huffman_decoder}).
     */
    private static void collect(int[][] val, int node, int bits, int length, List<Code> out) {
        if (length > 24) {
            throw new IllegalStateException("Huffman tree deeper than any Layer III code");
        }
        if (val[node][0] == 0) {
            out.add(new Code(bits, length, val[node][1]));
            return;
        }
        for (int b = 0; b <= 1; b++) {
            int point = node;
            while (val[point][b] >= 250) {
                point += val[point][b];
            }
            collect(val, point + val[point][b], bits << 1 | b, length + 1, out);
        }
    }
}
