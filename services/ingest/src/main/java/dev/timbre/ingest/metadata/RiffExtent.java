package dev.timbre.ingest.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How much of a WAV (RIFF, little-endian) or AIFF (FORM, big-endian) file is made of plausible chunks: walks the
 * chunk headers (at most {@link #MAX_CHUNKS}, nothing kept) and stops at the first that is not a chunk (an id that is
 * not four printable ASCII characters); a chunk that runs past the end of the file (a truncated recording) is left
 * to the parser. Junk after the last chunk, e.g. megabytes
 * of zeros appended to a file, would make jaudiotagger record one "chunk" per 8 bytes and run out of memory; the tag
 * reader gives it only the plausible part.
 */
final class RiffExtent {
    static final int MAX_CHUNKS = 512;

    private RiffExtent() {
    }

    /** The number of leading bytes that are chunks; the file's size when it is not RIFF/FORM at all. */
    static long of(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate(12);
            if (read(ch, head, 0) < 12) {
                return size;
            }
            String magic = new String(head.array(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
            ByteOrder order;
            if (magic.equals("RIFF")) {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (magic.equals("FORM")) {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                return size;
            }
            long pos = 12;
            ByteBuffer chunk = ByteBuffer.allocate(8).order(order);
            for (int n = 0; n < MAX_CHUNKS && pos + 8 <= size; n++) {
                chunk.clear();
                if (read(ch, chunk, pos) < 8 || !printableId(chunk.array())) {
                    return pos;
                }
                long length = chunk.getInt(4) & 0xFFFFFFFFL;
                long next = pos + 8 + length + (length & 1);
                if (pos + 8 + length > size) {
                    return size; // a chunk cut short (a truncated recording): the parser copes with it as it is
                }
                pos = Math.min(next, size);
            }
            return pos;
        }
    }

    private static boolean printableId(byte[] b) {
        for (int i = 0; i < 4; i++) {
            if (b[i] < 0x20 || b[i] > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static int read(FileChannel ch, ByteBuffer buffer, long at) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, at + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
