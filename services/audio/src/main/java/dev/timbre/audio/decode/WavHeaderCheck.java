package dev.timbre.audio.decode;

import dev.timbre.audio.AudioException;
import dev.timbre.audio.AudioException.Reason;

/**
 * Reads the WAV {@code fmt } chunk's codec tag before Java Sound does, so a well-formed WAV in a
 * codec we don't decode (ADPCM, GSM, MP3-in-WAV...) is reported as UNSUPPORTED, not CORRUPT.
 */
final class WavHeaderCheck {

    private static final int PCM = 1;
    private static final int IEEE_FLOAT = 3;
    private static final int ALAW = 6;
    private static final int MULAW = 7;
    private static final int EXTENSIBLE = 0xFFFE;

    private WavHeaderCheck() {
    }

    static void rejectUnsupportedCodec(byte[] b) {
        int pos = 12;
        while (pos + 8 <= b.length) {
            long size = le32(b, pos + 4);
            if (b[pos] == 'f' && b[pos + 1] == 'm' && b[pos + 2] == 't' && b[pos + 3] == ' ') {
                if (pos + 10 > b.length) {
                    throw new AudioException(Reason.TRUNCATED, "WAV ends inside its fmt chunk");
                }
                int tag = (b[pos + 8] & 0xff) | (b[pos + 9] & 0xff) << 8;
                if (tag != PCM && tag != IEEE_FLOAT && tag != ALAW && tag != MULAW && tag != EXTENSIBLE) {
                    throw new AudioException(Reason.UNSUPPORTED, String.format("WAV codec 0x%04x is not supported", tag));
                }
                return;
            }
            long next = pos + 8 + size + (size & 1);
            if (next > b.length || next <= pos) {
                return; // let Java Sound report what it makes of the rest
            }
            pos = (int) next;
        }
    }

    private static long le32(byte[] b, int i) {
        return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16 | (b[i + 3] & 0xffL) << 24;
    }
}
