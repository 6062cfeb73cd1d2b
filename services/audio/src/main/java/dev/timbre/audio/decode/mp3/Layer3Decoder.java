package dev.timbre.audio.decode.mp3;

/**
 * Decodes MPEG-1/2/2.5 Layer III frames (ISO/IEC 11172-3, 13818-3) straight to mono. One instance per stream: it
 * holds the bit reservoir, the scalefactors kept between granules, the filterbank overlap and the synthesis state.
 *
 * <p>Per granule: scalefactors and Huffman-coded spectrum per channel, requantisation, joint stereo, then the
 * downmix: the rest (short-block reorder, alias reduction, IMDCT, overlap-add, polyphase synthesis) is linear, so
 * the mean of the two channels' spectra goes through it once, which halves the costliest half of decoding and
 * gives the mean of the separately synthesised channels up to float rounding. (Reorder and alias reduction depend
 * on the block type, so they run per channel; when the channels' blocks differ the IMDCT does too.)
 */
public final class Layer3Decoder {

    /** Main data may start up to 511 bytes back (9-bit main_data_begin), and a frame carries at most ~1440 bytes. */
    private static final int RESERVOIR = 4096;
    private static final int PAD = 8; // BitReader reads 8 bytes at a time

    private final int channels;
    private final byte[] frame = new byte[2048 + PAD];
    private final byte[] reservoir = new byte[RESERVOIR + PAD];
    private int reservoirLength;
    /** Reservoir bytes before this position were used by earlier frames (JLayer's main_data_end). */
    private int reservoirUsed;

    private final BitReader br = new BitReader();
    private final SideInfo side = new SideInfo();
    private final ScaleFactors[] scalefactors = {new ScaleFactors(), new ScaleFactors()};
    private final int[][] quantized = new int[2][580]; // 576 lines + a count1 quadruple that may overrun
    /** Per channel, the lines the Huffman data reached in this granule: all above are zero. */
    private final int[] nonzeroLines = new int[2];
    private final float[][] spectrum = new float[2][576];
    private final float[] tmp = new float[576];
    private final float[][] subbands = new float[32][18];
    private final Hybrid hybrid = new Hybrid();
    private final PolyphaseSynthesis synthesis = new PolyphaseSynthesis();

    /** -1: the mean of the channels (what decoding is for); 0 or 1: that channel alone (tests of the downmix). */
    private final int only;

    public Layer3Decoder(int channels) {
        this(channels, -1);
    }

    Layer3Decoder(int channels, int onlyChannel) {
        this.channels = channels;
        this.only = onlyChannel;
    }

    /**
     * Decodes the frame whose header {@code h} is at {@code pos} (bytes past the end of {@code data} read as zeros,
     * as JLayer does for a cut-off last frame) into {@code pcm}, and returns the number of mono samples: 1152 or
     * 576, or 0 when its main data starts before what the reservoir holds (the first frames after a cut or a
     * damaged frame; JLayer outputs nothing for those either).
     *
     * @throws DamagedFrameException or a runtime exception of array bounds on damaged data; the next frame is
     *         then decoded with the state as it is, as players do
     */
    public int decodeFrame(byte[] data, int pos, FrameHeader h, float[] pcm) {
        if (h.channels() != channels) {
            throw new DamagedFrameException("channel count changes mid-stream");
        }
        int length = Math.min(h.frameLength(), frame.length - PAD);
        int available = Math.max(0, Math.min(length, data.length - pos));
        System.arraycopy(data, pos, frame, 0, available);
        java.util.Arrays.fill(frame, available, length + PAD, (byte) 0);

        br.reset(frame, (4 + (h.crc() ? 2 : 0)) * 8);
        side.read(br, h);
        int mainStart = h.mainDataOffset();
        int mainLength = Math.max(0, length - mainStart);

        int frameStart = appendToReservoir(frame, mainStart, mainLength);
        int unused = frameStart - reservoirUsed;
        if (side.mainDataBegin > unused) {
            return 0;
        }
        int bit = (frameStart - side.mainDataBegin) * 8;
        br.reset(reservoir, bit);
        // Until this frame decodes, count its data as available to the next (a damaged frame leaves it unread).
        reservoirUsed = frameStart;
        int rate = h.rateIndex();
        int out = 0;
        for (int gr = 0; gr < h.granules(); gr++) {
            for (int ch = 0; ch < channels; ch++) {
                Granule g = side.granules[gr][ch];
                int part2Start = br.position();
                int end = part2Start + g.part23Length;
                if (end > reservoirLength * 8) {
                    throw new DamagedFrameException("granule data runs past the frame");
                }
                if (h.mpeg1()) {
                    scalefactors[ch].readMpeg1(br, g, side.scfsi[ch], gr);
                } else {
                    scalefactors[ch].readLsf(br, g, ch == 1 && h.intensityStereo(), rate);
                }
                if (br.position() > end) {
                    throw new DamagedFrameException("scalefactors longer than part2_3_length");
                }
                int nonzero = HuffmanDecoder.decode(br, g, rate, end, quantized[ch]);
                br.seek(end);
                Requantizer.dequantize(quantized[ch], nonzero, g, scalefactors[ch], rate, spectrum[ch]);
                nonzeroLines[ch] = nonzero;
            }
            granuleToPcm(h, gr, pcm, out);
            out += 576;
        }
        reservoirUsed = Math.min(reservoirLength, (br.position() + 7) >>> 3);
        return out;
    }

    private void granuleToPcm(FrameHeader h, int gr, float[] pcm, int offset) {
        int rate = h.rateIndex();
        Granule g0 = side.granules[gr][0];
        int bound = nonzeroLines[0];
        if (channels == 2) {
            Granule g1 = side.granules[gr][1];
            bound = Math.max(bound, nonzeroLines[1]);
            Stereo.apply(spectrum[0], spectrum[1], h, g1, scalefactors[1], rate, bound);
            int sbLimit0 = prepare(spectrum[0], g0, rate, bound);
            int sbLimit1 = prepare(spectrum[1], g1, rate, bound);
            int sbLimit = Math.max(sbLimit0, sbLimit1);
            if (only >= 0) {
                hybrid.transform(spectrum[only], side.granules[gr][only], sbLimit, 1f, subbands);
            } else if (g0.sameBlocks(g1)) {
                float[] a = spectrum[0];
                float[] b = spectrum[1];
                int n = sbLimit * 18;
                for (int i = 0; i < n; i++) {
                    a[i] = a[i] + b[i];
                }
                hybrid.transform(a, g0, sbLimit, 0.5f, subbands);
            } else {
                hybrid.transformMean(spectrum[0], g0, spectrum[1], g1, sbLimit, subbands);
            }
        } else {
            int sbLimit = prepare(spectrum[0], g0, rate, bound);
            hybrid.transform(spectrum[0], g0, sbLimit, 1f, subbands);
        }
        synthesis.granule(subbands, pcm, offset);
    }

    /** Reorder and alias reduction of one channel; returns how many subbands may now be non-zero. */
    private int prepare(float[] xr, Granule g, int rate, int bound) {
        if (g.shortBlocks()) {
            Requantizer.reorder(xr, g, rate, bound, tmp);
            // Reordering moves lines within a band: round the bound up to the end of its short band.
            int[] sb = JLayerTables.SFB_SHORT[rate];
            int sfb = 0;
            while (sfb < 13 && 3 * sb[sfb + 1] < bound) {
                sfb++;
            }
            bound = Math.max(bound, 3 * sb[Math.min(sfb + 1, 13)]);
        }
        int nonzeroSubbands = Math.min(32, (bound + 17) / 18);
        Hybrid.antialias(xr, g, nonzeroSubbands);
        // Alias butterflies spill up to 8 lines into the next subband.
        return g.shortBlocks() && !g.mixed ? nonzeroSubbands : Math.min(32, nonzeroSubbands + 1);
    }

    /** Appends a frame's main data; returns where it starts in the reservoir. Keeps only the bytes still reachable. */
    private int appendToReservoir(byte[] src, int from, int n) {
        if (reservoirLength + n > RESERVOIR) {
            int keep = Math.min(reservoirLength, 1024);
            int drop = reservoirLength - keep;
            System.arraycopy(reservoir, drop, reservoir, 0, keep);
            reservoirLength = keep;
            reservoirUsed = Math.max(0, reservoirUsed - drop);
        }
        int start = reservoirLength;
        System.arraycopy(src, from, reservoir, start, n);
        reservoirLength += n;
        java.util.Arrays.fill(reservoir, reservoirLength, reservoirLength + PAD, (byte) 0);
        return start;
    }
}
