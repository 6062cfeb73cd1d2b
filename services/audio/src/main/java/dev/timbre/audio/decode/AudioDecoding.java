package dev.timbre.audio.decode;

import dev.timbre.audio.AudioException;
import dev.timbre.audio.AudioException.Reason;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point for decoding: reads the input (bounded by {@link DecodeLimits#maxInputBytes()}),
 * sniffs the format from its bytes and runs that format's decoder. Every failure caused by the
 * content comes out as an {@link AudioException}; codec libraries throw all kinds of runtime
 * exceptions on damaged data (array bounds, negative sizes, ...), which are reported as CORRUPT.
 */
public final class AudioDecoding {

    private final DecodeLimits limits;

    public AudioDecoding(DecodeLimits limits) {
        this.limits = limits;
    }

    public DecodeLimits limits() {
        return limits;
    }

    public DecodedAudio decode(Path file) {
        byte[] data;
        try {
            long size = Files.size(file);
            if (size > limits.maxInputBytes()) {
                throw new AudioException(Reason.UNSUPPORTED, "file of " + size + " bytes exceeds the limit of "
                        + limits.maxInputBytes());
            }
            data = Files.readAllBytes(file); // exact-size read, no growing copies
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return decode(data);
    }

    /** Reads the whole stream (not closed here) and decodes it. */
    public DecodedAudio decode(InputStream in) {
        return decode(readBounded(in));
    }

    public DecodedAudio decode(byte[] data) {
        if (data.length == 0) {
            throw new AudioException(Reason.EMPTY, "no bytes");
        }
        if (data.length > limits.maxInputBytes()) {
            throw new AudioException(Reason.UNSUPPORTED, "input of " + data.length + " bytes exceeds the limit of "
                    + limits.maxInputBytes());
        }
        AudioFormatKind kind = FormatSniffer.sniff(Arrays.copyOf(data, Math.min(data.length, FormatSniffer.HEAD_BYTES)))
                .orElseThrow(() -> new AudioException(Reason.UNSUPPORTED, "not a WAV, AU, AIFF, MP3, FLAC or Ogg Vorbis stream"));
        AudioDecoder decoder = switch (kind) {
            case WAV, AU, AIFF -> new JavaSoundDecoder(kind);
            case MP3 -> new Mp3Decoder();
            case FLAC -> new FlacDecoder();
            case OGG_VORBIS -> new VorbisDecoder();
        };
        try {
            return decoder.decode(data, limits);
        } catch (AudioException e) {
            throw e;
        } catch (IOException e) {
            // Input is in memory, so an IOException is the codec's way of saying "bad data".
            throw new AudioException(Reason.CORRUPT, kind + " stream is damaged: " + e, e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AudioException(Reason.CORRUPT, kind + " decoder failed on damaged data: " + e, e);
        } catch (OutOfMemoryError e) {
            // Codecs size some tables from header fields (e.g. Vorbis codebooks); a damaged field can
            // ask for one absurd array. That single allocation fails without filling the heap (our own
            // buffers are bounded by DecodeLimits), so it is reported as damaged content. A heap that is
            // full anyway (too many songs in flight for it) says nothing about this song: rethrown, the
            // caller retries later instead of dead-lettering a valid song.
            Runtime rt = Runtime.getRuntime();
            if (heapExhausted(rt.totalMemory() - rt.freeMemory(), rt.maxMemory())) {
                throw e;
            }
            throw new AudioException(Reason.CORRUPT, kind + " header asks for an impossible allocation", e);
        }
    }

    /**
     * Whether an {@code OutOfMemoryError} means the heap is full ({@code used} after the failed allocation, which
     * the JVM throws only after a full collection, above 85 % of {@code max}) rather than that one request was absurd.
     */
    static boolean heapExhausted(long used, long max) {
        return used > max * 0.85;
    }

    private byte[] readBounded(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > limits.maxInputBytes()) {
                    throw new AudioException(Reason.UNSUPPORTED, "input exceeds the limit of " + limits.maxInputBytes() + " bytes");
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
