package dev.timbre.audio.decode;

import java.util.Optional;

/**
 * Identifies an audio format from the first bytes of the content. Uploaded file names and declared
 * content types are not trusted; this is what ingest uses to accept or reject an upload, and what the
 * decoder uses to pick a codec. {@link #HEAD_BYTES} bytes are enough for every format except an MP3
 * or FLAC behind a very large ID3v2 tag, which is then reported as MP3 (the common case).
 */
public final class FormatSniffer {

    /** How many leading bytes callers should pass to {@link #sniff(byte[])}. */
    public static final int HEAD_BYTES = 4096;

    private FormatSniffer() {
    }

    /** The format of content starting with {@code head}, or empty when it is not a supported one. */
    public static Optional<AudioFormatKind> sniff(byte[] head) {
        return sniff(head, 0, 0);
    }

    private static Optional<AudioFormatKind> sniff(byte[] b, int off, int depth) {
        if (b == null || b.length - off < 4) {
            return Optional.empty();
        }
        if (ascii(b, off, "RIFF") && ascii(b, off + 8, "WAVE")) {
            return Optional.of(AudioFormatKind.WAV);
        }
        if (ascii(b, off, "FORM") && (ascii(b, off + 8, "AIFF") || ascii(b, off + 8, "AIFC"))) {
            return Optional.of(AudioFormatKind.AIFF);
        }
        if (ascii(b, off, ".snd")) {
            return Optional.of(AudioFormatKind.AU);
        }
        if (ascii(b, off, "fLaC")) {
            return Optional.of(AudioFormatKind.FLAC);
        }
        if (ascii(b, off, "OggS")) {
            // First page carries the codec's identification packet at byte 28 (1 segment table entry
            // is the norm; scan a little to be safe). Only Vorbis is decodable; Opus/FLAC-in-Ogg are not.
            for (int i = off + 26; i < Math.min(b.length - 7, off + 64); i++) {
                if (b[i] == 0x01 && ascii(b, i + 1, "vorbis")) {
                    return Optional.of(AudioFormatKind.OGG_VORBIS);
                }
            }
            return Optional.empty();
        }
        if (ascii(b, off, "ID3") && depth == 0 && b.length - off >= 10) {
            // ID3v2 tag: 10-byte header, size as 4 syncsafe bytes, optional 10-byte footer.
            int size = ((b[off + 6] & 0x7f) << 21) | ((b[off + 7] & 0x7f) << 14)
                    | ((b[off + 8] & 0x7f) << 7) | (b[off + 9] & 0x7f);
            boolean footer = (b[off + 5] & 0x10) != 0;
            long next = (long) off + 10 + size + (footer ? 10 : 0);
            if (next + 4 <= b.length) {
                Optional<AudioFormatKind> inner = sniff(b, (int) next, depth + 1);
                if (inner.isPresent()) {
                    return inner;
                }
                // Some encoders pad after the tag; look for the first MPEG frame a little further.
                for (int i = (int) next; i < Math.min(b.length - 4, next + 2048); i++) {
                    if (isMpegFrameHeader(b, i)) {
                        return Optional.of(AudioFormatKind.MP3);
                    }
                }
                return Optional.empty();
            }
            return Optional.of(AudioFormatKind.MP3); // tag longer than the head we got
        }
        if (isMpegFrameHeader(b, off)) {
            return Optional.of(AudioFormatKind.MP3);
        }
        return Optional.empty();
    }

    /** An MPEG-1/2/2.5 audio frame header (Layer I-III) with valid bitrate and sample-rate fields. */
    static boolean isMpegFrameHeader(byte[] b, int i) {
        if (i + 4 > b.length) {
            return false;
        }
        int b0 = b[i] & 0xff;
        int b1 = b[i + 1] & 0xff;
        int b2 = b[i + 2] & 0xff;
        if (b0 != 0xff || (b1 & 0xe0) != 0xe0) {
            return false;
        }
        int version = (b1 >> 3) & 0x3;   // 01 reserved
        int layer = (b1 >> 1) & 0x3;     // 00 reserved (ADTS AAC uses 00)
        int bitrate = (b2 >> 4) & 0xf;   // 1111 invalid
        int rate = (b2 >> 2) & 0x3;      // 11 reserved
        return version != 1 && layer != 0 && bitrate != 0xf && rate != 3;
    }

    private static boolean ascii(byte[] b, int off, String s) {
        if (off < 0 || off + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[off + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
