package dev.timbre.audio.decode.mp3;

/**
 * A frame whose content cannot be decoded (an invalid Huffman code, a field out of range). The caller skips
 * the frame as players do. No stack trace: it is expected on damaged input and thrown per bad frame.
 */
public final class DamagedFrameException extends RuntimeException {

    DamagedFrameException(String message) {
        super(message, null, false, false);
    }
}
