package dev.timbre.audio.decode;

import dev.timbre.audio.AudioException;
import dev.timbre.audio.AudioException.Reason;
import dev.timbre.audio.decode.mp3.FrameHeader;
import dev.timbre.audio.decode.mp3.Layer3Decoder;

/**
 * MPEG-1/2/2.5 Layer III with our own decoder ({@link Layer3Decoder}, straight to mono), frame by frame so the
 * sample limit is enforced as we go; Layer I/II streams (rare) go to {@link JLayerMp3Decoder}. The contract is
 * the JLayer path's: same frames found (ID3v2 skipped, strict sync on version, rate and channel count after the
 * first frame, a cut-off last frame read as zero-padded), damaged frames skipped like players do but CORRUPT after
 * more than {@value #MAX_CONSECUTIVE_BAD_FRAMES} in a row, TRUNCATED when a Xing/Info frame count was not reached,
 * EMPTY when nothing decoded. Free-format streams (bitrate index 0) are not decoded: their frames are skipped.
 * Samples are the mean of the channels as floats (JLayer's path rounds each channel to 16 bits first).
 */
final class Mp3Decoder implements AudioDecoder {

    /** Frames we may reject in a row before we call the stream corrupt rather than glitchy. */
    static final int MAX_CONSECUTIVE_BAD_FRAMES = 32;

    @Override
    public DecodedAudio decode(byte[] data, DecodeLimits limits) {
        int pos = firstFrame(data, audioStart(data));
        if (pos >= 0 && FrameHeader.layerAt(data, pos) != 3) {
            return new JLayerMp3Decoder().decode(data, limits);
        }
        FrameHeader first = pos < 0 ? null : FrameHeader.parseLayer3(data, pos);
        if (first == null) {
            throw new AudioException(Reason.CORRUPT, "no decodable MPEG audio frames");
        }
        int channels = first.channels();
        int sampleRate = first.sampleRate();
        JavaSoundDecoder.checkShape(channels, sampleRate, limits);
        MonoBuffer out = new MonoBuffer(1, limits.maxFrames(sampleRate));
        Layer3Decoder decoder = new Layer3Decoder(channels);
        float[] pcm = new float[first.samplesPerFrame()];
        int goodFrames = 0;
        int badInARow = 0;
        FrameHeader h = first;
        while (h != null && !out.isFull()) {
            try {
                int n = decoder.decodeFrame(data, pos, h, pcm);
                out.addAll(pcm, null, n);
                goodFrames++;
                badInARow = 0;
            } catch (RuntimeException e) {
                // A damaged frame (our DamagedFrameException, or array bounds on nonsense side info): skip it.
                if (++badInARow > MAX_CONSECUTIVE_BAD_FRAMES) {
                    throw new AudioException(Reason.CORRUPT, "MP3 has too many undecodable frames", e);
                }
            }
            pos = nextFrame(data, pos + h.frameLength(), first);
            h = pos < 0 ? null : FrameHeader.parseLayer3(data, pos);
        }
        long declared = declaredFrames(data);
        if (declared > 0 && !out.isFull() && goodFrames + badInARow < declared) {
            throw new AudioException(Reason.TRUNCATED, "MP3 Xing/Info tag declares " + declared
                    + " frames but " + goodFrames + " decoded");
        }
        if (goodFrames == 0) {
            throw new AudioException(Reason.CORRUPT, "no decodable MPEG audio frames");
        }
        if (out.size() == 0) {
            throw new AudioException(Reason.EMPTY, "MP3 contains no samples");
        }
        return new DecodedAudio(out.toArray(), sampleRate, channels, AudioFormatKind.MP3, out.isFull());
    }

    /** Offset after an ID3v2 tag at the start, or 0. */
    static int audioStart(byte[] b) {
        int pos = 0;
        if (b.length >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            pos = 10 + (((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f));
            if ((b[5] & 0x10) != 0) {
                pos += 10; // footer
            }
        }
        return pos;
    }

    /**
     * The first MPEG audio header from {@code pos}: any layer (Layer I/II go to JLayer); a Layer III one must be
     * decodable and, unless it is the last, followed by another of the same stream, so a stray 0xFFF in junk
     * before the audio is not taken for a frame.
     */
    private static int firstFrame(byte[] b, int pos) {
        for (int i = Math.max(0, pos); i + 4 <= b.length; i++) {
            if (!FormatSniffer.isMpegFrameHeader(b, i)) {
                continue;
            }
            if (FrameHeader.layerAt(b, i) != 3) {
                return i;
            }
            FrameHeader h = FrameHeader.parseLayer3(b, i);
            if (h == null) {
                continue;
            }
            int next = i + h.frameLength();
            FrameHeader n = FrameHeader.parseLayer3(b, next);
            if (next + 4 > b.length || (n != null && h.sameStream(n))) {
                return i;
            }
        }
        return -1;
    }

    /** The next header of {@code first}'s stream at or after {@code pos} (resync over damage), or -1. */
    private static int nextFrame(byte[] b, int pos, FrameHeader first) {
        for (int i = pos; i + 4 <= b.length; i++) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xe0) == 0xe0) {
                FrameHeader h = FrameHeader.parseLayer3(b, i);
                if (h != null && first.sameStream(h)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Audio frame count from a Xing/Info tag in the first MPEG frame (after any ID3v2 tag), or -1.
     * The tag frame itself is silent and not counted by the tag, but JLayer decodes it, so the
     * total number of frames JLayer sees is the declared count + 1.
     */
    static long declaredFrames(byte[] b) {
        int pos = audioStart(b);
        int limit = Math.min(b.length - 4, pos + 4096);
        while (pos < limit && !FormatSniffer.isMpegFrameHeader(b, pos)) {
            pos++;
        }
        if (pos >= limit) {
            return -1;
        }
        boolean mpeg1 = ((b[pos + 1] >> 3) & 0x3) == 3;
        boolean mono = ((b[pos + 3] >> 6) & 0x3) == 3;
        int sideInfo = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        int tag = pos + 4 + sideInfo;
        if (tag + 12 > b.length) {
            return -1;
        }
        boolean xing = b[tag] == 'X' && b[tag + 1] == 'i' && b[tag + 2] == 'n' && b[tag + 3] == 'g';
        boolean info = b[tag] == 'I' && b[tag + 1] == 'n' && b[tag + 2] == 'f' && b[tag + 3] == 'o';
        if (!xing && !info) {
            return -1;
        }
        int flags = ((b[tag + 4] & 0xff) << 24) | ((b[tag + 5] & 0xff) << 16) | ((b[tag + 6] & 0xff) << 8) | (b[tag + 7] & 0xff);
        if ((flags & 1) == 0) {
            return -1;
        }
        long frames = ((b[tag + 8] & 0xffL) << 24) | ((b[tag + 9] & 0xffL) << 16) | ((b[tag + 10] & 0xffL) << 8) | (b[tag + 11] & 0xffL);
        return frames + 1;
    }
}
