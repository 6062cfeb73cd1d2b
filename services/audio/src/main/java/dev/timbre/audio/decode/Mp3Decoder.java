package dev.timbre.audio.decode;

import dev.timbre.audio.AudioException;
import dev.timbre.audio.AudioException.Reason;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;

import java.io.ByteArrayInputStream;

/**
 * MPEG-1/2/2.5 Layer I-III through JLayer's decoder, driven frame by frame (no Java Sound SPI), so
 * the sample limit is enforced as we go. Output is JLayer's 16-bit PCM scaled by 1/32768. The
 * encoder/decoder delay (~1100 samples) is kept, as every non-gapless decoder does; it shifts the
 * audio by ~50 ms, which is irrelevant for 3 s windows. Truncation is detected when the first frame
 * carries a Xing/Info tag (LAME and most encoders write one) whose frame count was not reached.
 */
final class Mp3Decoder implements AudioDecoder {

    /** Frames JLayer may reject in a row before we call the stream corrupt rather than glitchy. */
    private static final int MAX_CONSECUTIVE_BAD_FRAMES = 32;

    @Override
    public DecodedAudio decode(byte[] data, DecodeLimits limits) {
        Bitstream bitstream = new Bitstream(new ByteArrayInputStream(data));
        Decoder decoder = new Decoder();
        MonoBuffer out = null;
        Mp3PcmSink sink = null;
        int channels = 0;
        int sampleRate = 0;
        int badInARow = 0;
        int goodFrames = 0;
        try {
            while (out == null || !out.isFull()) {
                Header header = bitstream.readFrame();
                if (header == null) {
                    break;
                }
                try {
                    if (out == null) {
                        sampleRate = header.frequency();
                        channels = header.mode() == Header.SINGLE_CHANNEL ? 1 : 2;
                        JavaSoundDecoder.checkShape(channels, sampleRate, limits);
                        out = new MonoBuffer(channels, limits.maxFrames(sampleRate));
                        sink = new Mp3PcmSink(channels);
                        decoder.setOutputBuffer(sink);
                    }
                    decoder.decodeFrame(header, bitstream);
                    if (decoder.getOutputChannels() != channels) {
                        throw new AudioException(Reason.CORRUPT, "MP3 changes channel count mid-stream");
                    }
                    addFrame(sink, out);
                    goodFrames++;
                    badInARow = 0;
                } catch (DecoderException | ArrayIndexOutOfBoundsException e) {
                    // A damaged frame: skip it like players do, but not forever.
                    if (++badInARow > MAX_CONSECUTIVE_BAD_FRAMES) {
                        throw new AudioException(Reason.CORRUPT, "MP3 has too many undecodable frames", e);
                    }
                } finally {
                    bitstream.closeFrame();
                }
            }
        } catch (BitstreamException e) {
            if (goodFrames == 0) {
                throw new AudioException(Reason.CORRUPT, "MP3 bitstream unreadable: " + e.getMessage(), e);
            }
            // Damage after good audio: keep what decoded (typical of a cut-off download's tail).
        } finally {
            try {
                bitstream.close();
            } catch (BitstreamException ignored) {
                // in-memory stream; nothing to release
            }
        }
        long declared = out == null ? -1 : declaredFrames(data);
        if (declared > 0 && !out.isFull() && goodFrames + badInARow < declared) {
            throw new AudioException(Reason.TRUNCATED, "MP3 Xing/Info tag declares " + declared
                    + " frames but " + goodFrames + " decoded");
        }
        if (out == null || goodFrames == 0) {
            throw new AudioException(Reason.CORRUPT, "no decodable MPEG audio frames");
        }
        if (out.size() == 0) {
            throw new AudioException(Reason.EMPTY, "MP3 contains no samples");
        }
        return new DecodedAudio(out.toArray(), sampleRate, channels, AudioFormatKind.MP3, out.isFull());
    }

    /** Downmixes one decoded frame into {@code out}, exactly as {@link MonoBuffer#addFrame} would per sample, in bulk. */
    private static void addFrame(Mp3PcmSink sink, MonoBuffer out) {
        if (sink.channelCount() == 1) {
            out.addAll(sink.samples(0), null, sink.count(0));
        } else {
            out.addAll(sink.samples(0), sink.samples(1), Math.min(sink.count(0), sink.count(1)));
        }
    }

    /**
     * Audio frame count from a Xing/Info tag in the first MPEG frame (after any ID3v2 tag), or -1.
     * The tag frame itself is silent and not counted by the tag, but JLayer decodes it, so the
     * total number of frames JLayer sees is the declared count + 1.
     */
    static long declaredFrames(byte[] b) {
        int pos = 0;
        if (b.length >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            pos = 10 + (((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f));
            if ((b[5] & 0x10) != 0) {
                pos += 10;
            }
        }
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
