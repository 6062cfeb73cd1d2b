package dev.timbre.audio.decode.mp3;

import javazoom.jl.decoder.Obuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our granule-wise synthesis filterbank against JLayer's {@code SynthesisFilter}, slot by slot, on random subbands. */
class PolyphaseSynthesisTest {

    @Test
    void matchesJLayersSynthesisFilter() throws Throwable {
        SplittableRandom rnd = new SplittableRandom(5);
        PolyphaseSynthesis ours = new PolyphaseSynthesis();
        Object jlayer = JLayerTables.newSynthesisFilter(32700f);
        float[] expected = new float[576];
        int[] n = {0};
        Obuffer sink = new Obuffer() {
            @Override public void appendSamples(int channel, float[] f) {
                for (int i = 0; i < 32; i++) {
                    expected[n[0]++] = f[i] / 32768f;
                }
            }
            @Override public void append(int channel, short value) { }
            @Override public void write_buffer(int val) { }
            @Override public void close() { }
            @Override public void clear_buffer() { }
            @Override public void set_stop_flag() { }
        };
        float[][] subbands = new float[32][18];
        float[] slot = new float[32];
        float[] pcm = new float[576];
        double maxDiff = 0;
        double peak = 0;
        for (int granule = 0; granule < 40; granule++) {
            for (int sb = 0; sb < 32; sb++) {
                for (int t = 0; t < 18; t++) {
                    subbands[sb][t] = (float) (rnd.nextGaussian() * 0.02 / (1 + sb));
                }
            }
            n[0] = 0;
            for (int t = 0; t < 18; t++) {
                for (int sb = 0; sb < 32; sb++) {
                    slot[sb] = subbands[sb][t];
                }
                JLayerTables.SYNTH_INPUT.invokeExact(jlayer, slot);
                JLayerTables.SYNTH_CALCULATE.invokeExact(jlayer, sink);
            }
            ours.granule(subbands, pcm, 0);
            for (int i = 0; i < 576; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(pcm[i] - expected[i]));
                peak = Math.max(peak, Math.abs(expected[i]));
            }
        }
        assertTrue(peak > 0.05 && peak < 1, "peak " + peak);
        assertTrue(maxDiff < 1e-6, "max |ours - JLayer| = " + maxDiff);
    }
}
