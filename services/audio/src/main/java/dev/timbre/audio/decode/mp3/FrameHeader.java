package dev.timbre.audio.decode.mp3;

/**
 * A Layer III frame header (ISO/IEC 11172-3 2.4.1.3, 13818-3 2.4.1.3) and what follows from it.
 *
 * @param version    1 (MPEG-1), 2 (MPEG-2 LSF) or 25 (MPEG-2.5)
 * @param crc        a 16-bit CRC follows the header
 * @param sampleRate in Hz
 * @param rateIndex  index into the scalefactor band tables: 0-2 MPEG-2, 3-5 MPEG-1, 6-8 MPEG-2.5
 * @param mode       0 stereo, 1 joint stereo, 2 dual channel, 3 single channel
 * @param modeExtension joint stereo: bit 1 mid/side, bit 0 intensity
 * @param frameLength bytes of the whole frame, header included
 */
public record FrameHeader(int version, boolean crc, int sampleRate, int rateIndex, int mode,
                          int modeExtension, int frameLength) {

    public static final int MONO = 3;
    public static final int JOINT_STEREO = 1;

    private static final int[] MPEG1_L3_KBPS = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320};
    private static final int[] MPEG2_L3_KBPS = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};

    /**
     * The header at {@code pos}, or null when those bytes are not a Layer III header we decode: free-format
     * (bitrate index 0) and the reserved values are rejected, so that sync search skips them.
     */
    public static FrameHeader parseLayer3(byte[] b, int pos) {
        if (pos < 0 || pos + 4 > b.length || (b[pos] & 0xff) != 0xff || (b[pos + 1] & 0xe0) != 0xe0) {
            return null;
        }
        int b1 = b[pos + 1] & 0xff;
        int b2 = b[pos + 2] & 0xff;
        int b3 = b[pos + 3] & 0xff;
        int versionBits = (b1 >> 3) & 3;   // 00 MPEG-2.5, 01 reserved, 10 MPEG-2, 11 MPEG-1
        int layerBits = (b1 >> 1) & 3;     // 01 Layer III
        int bitrateIndex = b2 >> 4;
        int rateBits = (b2 >> 2) & 3;
        if (versionBits == 1 || layerBits != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateBits == 3) {
            return null;
        }
        int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
        int divisor = version == 1 ? 1 : version == 2 ? 2 : 4;
        int sampleRate = MPEG1_RATES[rateBits] / divisor;
        int rateIndex = rateBits + (version == 1 ? 3 : version == 25 ? 6 : 0);
        boolean padding = ((b2 >> 1) & 1) != 0;
        int kbps = version == 1 ? MPEG1_L3_KBPS[bitrateIndex] : MPEG2_L3_KBPS[bitrateIndex];
        // 1152 (MPEG-1) or 576 samples per frame: bytes = samples/8 * bitrate / rate, plus one padding byte.
        int frameLength = (version == 1 ? 144_000 : 72_000) * kbps / sampleRate + (padding ? 1 : 0);
        return new FrameHeader(version, (b1 & 1) == 0, sampleRate, rateIndex, b3 >> 6, (b3 >> 4) & 3, frameLength);
    }

    /** Layer (1-3) of any valid-looking MPEG audio header at {@code pos}, or 0. */
    public static int layerAt(byte[] b, int pos) {
        if (pos < 0 || pos + 4 > b.length || (b[pos] & 0xff) != 0xff || (b[pos + 1] & 0xe0) != 0xe0) {
            return 0;
        }
        int layerBits = (b[pos + 1] >> 1) & 3;
        return layerBits == 0 ? 0 : 4 - layerBits;
    }

    public int channels() {
        return mode == MONO ? 1 : 2;
    }

    public boolean mpeg1() {
        return version == 1;
    }

    /** Granules per frame: two of 576 samples in MPEG-1, one in MPEG-2/2.5. */
    public int granules() {
        return version == 1 ? 2 : 1;
    }

    public int samplesPerFrame() {
        return 576 * granules();
    }

    public int sideInfoLength() {
        return version == 1 ? (mode == MONO ? 17 : 32) : (mode == MONO ? 9 : 17);
    }

    /** Bytes of header, CRC and side info: where the frame's main data starts. */
    public int mainDataOffset() {
        return 4 + (crc ? 2 : 0) + sideInfoLength();
    }

    boolean msStereo() {
        return mode == JOINT_STEREO && (modeExtension & 2) != 0;
    }

    boolean intensityStereo() {
        return mode == JOINT_STEREO && (modeExtension & 1) != 0;
    }

    /** Whether a later header belongs to the same stream: same version, rate and channel count (JLayer's strict sync). */
    public boolean sameStream(FrameHeader other) {
        return other.version == version && other.sampleRate == sampleRate && other.channels() == channels();
    }
}
