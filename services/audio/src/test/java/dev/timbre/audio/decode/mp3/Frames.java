package dev.timbre.audio.decode.mp3;

import java.util.Arrays;

/** The tests' own walk over an MP3: every Layer III frame of its first stream, bytes that are not one skipped. */
final class Frames {

    @FunctionalInterface
    interface Visitor {
        void frame(int pos, FrameHeader header);
    }

    private Frames() {
    }

    static void forEach(byte[] b, Visitor visitor) {
        FrameHeader first = null;
        for (int pos = 0; pos + 4 <= b.length; ) {
            FrameHeader h = FrameHeader.parseLayer3(b, pos);
            if (h == null || (first != null && !first.sameStream(h))) {
                pos++;
                continue;
            }
            if (first == null) {
                first = h;
            }
            visitor.frame(pos, h);
            pos += h.frameLength();
        }
    }

    /** Reads the side info of the frame at {@code pos} into {@code side}. */
    static void readSideInfo(byte[] b, int pos, FrameHeader h, BitReader br, SideInfo side) {
        br.reset(Arrays.copyOfRange(b, pos, pos + h.frameLength() + 8), (4 + (h.crc() ? 2 : 0)) * 8);
        side.read(br, h);
    }
}
