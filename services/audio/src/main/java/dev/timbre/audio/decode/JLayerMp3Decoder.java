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
 * MPEG-1/2/2.5 Layer I-III through JLayer's decoder: what decodes Layer I/II streams (rare), and the reference
 * that {@link Mp3Decoder}'s own Layer III decoder is tested and benchmarked against. Driven frame by frame
 * (no Java Sound SPI), so the sample limit is enforced as we go. Output is JLayer's 16-bit PCM scaled by 1/32768. The
 * encoder/decoder delay (~1100 samples) is kept, as every non-gapless decoder does; it shifts the
 * audio by ~50 ms, which is irrelevant for 3 s windows. Truncation is detected when the first frame
 * carries a Xing/Info tag (LAME and most encoders write one) whose frame count was not reached. Public only
 * so that the benchmark can measure it as the baseline; {@link AudioDecoding} picks the decoder.
 */
public final class JLayerMp3Decoder implements AudioDecoder {

    /** Frames JLayer may reject in a row before we call the stream corrupt rather than glitchy. */
    private static final int MAX_CONSECUTIVE_BAD_FRAMES = 32;

    public JLayerMp3Decoder() {
    }

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
        long declared = out == null ? -1 : Mp3Decoder.declaredFrames(data);
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
}
