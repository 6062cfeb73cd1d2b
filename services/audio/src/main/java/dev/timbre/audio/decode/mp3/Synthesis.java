package dev.timbre.audio.decode.mp3;

import javazoom.jl.decoder.Obuffer;

/**
 * The 32-band polyphase synthesis filterbank (ISO/IEC 11172-3 2.4.3.2.2) for one output channel, delegated to
 * JLayer's {@code SynthesisFilter}: its window D[i] is data and its matrixing is a hand-optimised fast DCT that
 * costs ~1 ms per 30 s mono, so re-writing it would buy nothing and lose bit-exactness with the reference. Output
 * is at JLayer's scale (32700 per unit, as its {@code Decoder} sets it), turned into floats in [-1, 1] by the
 * sink below, which collects one frame.
 */
final class Synthesis {

    /** JLayer's Decoder scales by 32700 and then its PCM by 1/32768; we keep the product so levels match. */
    private static final float JLAYER_SCALE = 32700f;

    private final Object filter = JLayerTables.newSynthesisFilter(JLAYER_SCALE);
    private final float[] slot = new float[32];
    private final FrameSink sink = new FrameSink();

    /** Synthesises the 18 time slots of one granule, {@code subbands[sb * 18 + t]}, appending 576 samples to {@code pcm}. */
    void granule(float[] subbands, float[] pcm, int offset) {
        sink.target = pcm;
        sink.pos = offset;
        try {
            for (int t = 0; t < 18; t++) {
                for (int sb = 0; sb < 32; sb++) {
                    slot[sb] = subbands[sb * 18 + t];
                }
                JLayerTables.SYNTH_INPUT.invokeExact(filter, slot);
                JLayerTables.SYNTH_CALCULATE.invokeExact(filter, (Obuffer) sink);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Receives JLayer's 32 output samples per call; clips and rescales like JLayer's 16-bit path, without rounding. */
    private static final class FrameSink extends Obuffer {

        private static final float MAX = 32767f;

        float[] target;
        int pos;

        @Override
        public void appendSamples(int channel, float[] f) {
            float[] dst = target;
            int p = pos;
            for (int i = 0; i < 32; i++) {
                float v = f[i];
                v = v > MAX ? MAX : (v < -MAX ? -MAX : v);
                dst[p + i] = v * (1f / 32768f);
            }
            pos = p + 32;
        }

        @Override
        public void append(int channel, short value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write_buffer(int val) {
        }

        @Override
        public void close() {
        }

        @Override
        public void clear_buffer() {
        }

        @Override
        public void set_stop_flag() {
        }
    }
}
