package dev.timbre.audio.decode.mp3;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * The pure-data tables of ISO/IEC 11172-3 / 13818-3 Layer III, read once from JLayer's classes by reflection.
 * Why: JLayer (LGPL, pinned at 1.0.1.4, and still our Layer I/II decoder and test reference) already ships them,
 * so no transcribed table lives in our source. Only data that no formula produces is taken from here: the
 * Huffman code trees (Annex B), the scalefactor band boundaries per sampling rate, pretab, the scalefactor
 * length tables and the polyphase synthesis window D[i]. (JLayer's synthesis filter itself is reachable too: tests
 * compare ours with it.) Everything defined by a
 * formula (IMDCT windows, cosines, alias and intensity coefficients, power tables) is computed by its user.
 * {@code JLayerTablesTest} checks the shapes and a few spec values, so a JLayer upgrade that moves these
 * fails loudly instead of decoding garbage.
 */
final class JLayerTables {

    /** One Huffman code tree as JLayer stores it: {@code val[node] = {left, right}} offsets, or {0, value} at a leaf. */
    record HuffTree(int xlen, int linbits, int[][] val) {
    }

    /** The 34 Huffman tables: 0-31 big values (4 and 14 unused: {@code val == null}), 32-33 count1 quadruples. */
    static final HuffTree[] HUFFMAN_TREES;
    /**
     * Scalefactor band start lines, indexed like JLayer's {@code sfreq}: 0-2 MPEG-2 (22.05, 24, 16 kHz),
     * 3-5 MPEG-1 (44.1, 48, 32 kHz), 6-8 MPEG-2.5 (11.025, 12, 8 kHz). Long: 23 entries (last 576), short: 14 (last 192).
     */
    static final int[][] SFB_LONG;
    static final int[][] SFB_SHORT;
    /** Preemphasis table per long scalefactor band (22 entries). */
    static final int[] PRETAB;
    /** MPEG-1 {slen1, slen2} per scalefac_compress: {@code SLEN[0][c]}, {@code SLEN[1][c]}. */
    static final int[][] SLEN;
    /** MPEG-2 LSF number of scalefactor bands per slen group: [blocknumber 0-5][block type long/short/mixed][group 0-3]. */
    static final int[][][] NR_OF_SFB_BLOCK;

    /**
     * The synthesis window D[i] of 11172-3 Table B.3, i = 0..511. JLayer stores it as {@code d[16 j + t] = D[j + 32 t]}
     * (the 16 taps of output j together); {@code PolyphaseSynthesisTest} checks that reading it back this way makes
     * our filterbank produce JLayer's output.
     */
    static final float[] SYNTHESIS_WINDOW = new float[512];

    private static final Constructor<?> SYNTHESIS_FILTER;
    /** {@code SynthesisFilter.input_samples(float[])} as {@code (Object, float[])void}. */
    static final MethodHandle SYNTH_INPUT;
    /** {@code SynthesisFilter.calculate_pcm_samples(Obuffer)} as {@code (Object, Obuffer)void}. */
    static final MethodHandle SYNTH_CALCULATE;

    static {
        try {
            Class<?> huff = Class.forName("javazoom.jl.decoder.huffcodetab");
            Method init = huff.getDeclaredMethod("inithuff");
            init.setAccessible(true); // public, but of a package-private class
            init.invoke(null);
            Object[] ht = (Object[]) field(huff, "ht").get(null);
            HUFFMAN_TREES = new HuffTree[ht.length];
            for (int i = 0; i < ht.length; i++) {
                HUFFMAN_TREES[i] = new HuffTree(intField(huff, ht[i], "xlen"), intField(huff, ht[i], "linbits"),
                        (int[][]) field(huff, "val").get(ht[i]));
            }

            Class<?> l3 = Class.forName("javazoom.jl.decoder.LayerIIIDecoder");
            PRETAB = ((int[]) field(l3, "pretab").get(null)).clone();
            SLEN = deepCopy((int[][]) field(l3, "slen").get(null));
            int[][][] nr = (int[][][]) field(l3, "nr_of_sfb_block").get(null);
            NR_OF_SFB_BLOCK = new int[nr.length][][];
            for (int i = 0; i < nr.length; i++) {
                NR_OF_SFB_BLOCK[i] = deepCopy(nr[i]);
            }

            // sfBandIndex is filled by the decoder's constructor, which only reads mode, version and rate from
            // the header: build one on a blank Header (package-private) and read the nine band tables off it.
            Class<?> headerClass = Class.forName("javazoom.jl.decoder.Header");
            Constructor<?> hc = headerClass.getDeclaredConstructor();
            hc.setAccessible(true);
            Object header = hc.newInstance();
            Class<?> bitstream = Class.forName("javazoom.jl.decoder.Bitstream");
            Class<?> synth = Class.forName("javazoom.jl.decoder.SynthesisFilter");
            Class<?> obuffer = Class.forName("javazoom.jl.decoder.Obuffer");
            Constructor<?> dc = l3.getDeclaredConstructor(bitstream, headerClass, synth, synth, obuffer, int.class);
            dc.setAccessible(true);
            Object decoder = dc.newInstance(null, header, null, null, null, 0);
            Object[] sbi = (Object[]) field(l3, "sfBandIndex").get(decoder);
            Class<?> sbiClass = Class.forName("javazoom.jl.decoder.LayerIIIDecoder$SBI");
            SFB_LONG = new int[sbi.length][];
            SFB_SHORT = new int[sbi.length][];
            for (int i = 0; i < sbi.length; i++) {
                SFB_LONG[i] = ((int[]) field(sbiClass, "l").get(sbi[i])).clone();
                SFB_SHORT[i] = ((int[]) field(sbiClass, "s").get(sbi[i])).clone();
            }

            SYNTHESIS_FILTER = synth.getDeclaredConstructor(int.class, float.class, float[].class);
            SYNTHESIS_FILTER.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            Method input = synth.getDeclaredMethod("input_samples", float[].class);
            input.setAccessible(true);
            SYNTH_INPUT = lookup.unreflect(input).asType(MethodType.methodType(void.class, Object.class, float[].class));
            Method calc = synth.getDeclaredMethod("calculate_pcm_samples", obuffer);
            calc.setAccessible(true);
            SYNTH_CALCULATE = lookup.unreflect(calc).asType(MethodType.methodType(void.class, Object.class, obuffer));
            newSynthesisFilter(1f); // its constructor loads the window
            float[] d = (float[]) field(synth, "d").get(null);
            for (int j = 0; j < 32; j++) {
                for (int t = 0; t < 16; t++) {
                    SYNTHESIS_WINDOW[j + 32 * t] = d[16 * j + t];
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("JLayer 1.0.1.4's Layer III tables are not where expected: " + e);
        }
    }

    private JLayerTables() {
    }

    /** A new JLayer polyphase synthesis filter for one channel, unequalised, at the given output scale (tests). */
    static Object newSynthesisFilter(float scale) {
        float[] flat = new float[32];
        java.util.Arrays.fill(flat, 1.0f);
        try {
            return SYNTHESIS_FILTER.newInstance(0, scale, flat);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create JLayer's SynthesisFilter", e);
        }
    }

    private static Field field(Class<?> c, String name) throws NoSuchFieldException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static int intField(Class<?> c, Object o, String name) throws ReflectiveOperationException {
        return field(c, name).getInt(o);
    }

    private static int[][] deepCopy(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
