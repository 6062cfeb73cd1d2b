package dev.timbre.audio.decode.mp3;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MSB-first bit reader over a byte array. {@link #window()} returns the next 57+ bits left-aligned in a long
 * with one unaligned 8-byte load, so a Huffman pair (code, linbits and sign bits: at most 47 bits) is
 * decoded from a single window and then skipped at once. The array must have 8 readable bytes beyond the
 * last bit used; reads past its end throw {@link IndexOutOfBoundsException} (a damaged frame).
 */
final class BitReader {

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf;
    private int pos; // in bits

    void reset(byte[] buf, int bitPos) {
        this.buf = buf;
        this.pos = bitPos;
    }

    int position() {
        return pos;
    }

    void seek(int bitPos) {
        pos = bitPos;
    }

    /** The next bits, left-aligned: bit 63 is the next bit. At least 57 bits are valid. */
    long window() {
        return window(buf, pos);
    }

    /** {@link #window()} at any bit position: for loops that keep the position in a local. */
    static long window(byte[] buf, int bitPos) {
        return (long) LONG_BE.get(buf, bitPos >>> 3) << (bitPos & 7);
    }

    byte[] buffer() {
        return buf;
    }

    void skip(int bits) {
        pos += bits;
    }

    /** The next {@code n} bits (0-32) as an unsigned value. */
    int read(int n) {
        if (n == 0) {
            return 0;
        }
        int v = (int) (window() >>> (64 - n));
        pos += n;
        return v;
    }

    boolean readBit() {
        boolean b = window() < 0;
        pos++;
        return b;
    }
}
