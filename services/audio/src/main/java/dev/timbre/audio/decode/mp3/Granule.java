package dev.timbre.audio.decode.mp3;

/** Side information of one granule of one channel (ISO/IEC 11172-3 2.4.1.7, 13818-3 2.4.1.7). */
final class Granule {

    int part23Length;
    int bigValues;
    int globalGain;
    int scalefacCompress;
    boolean windowSwitching;
    /** 0 normal, 1 start, 2 short (three windows), 3 stop. */
    int blockType;
    boolean mixed;
    final int[] tableSelect = new int[3];
    final int[] subblockGain = new int[3];
    int region0Count;
    int region1Count;
    boolean preflag;
    int scalefacScale;
    int count1Table;

    boolean shortBlocks() {
        return windowSwitching && blockType == 2;
    }

    /** Whether the hybrid filterbank treats both granules identically (same windows, same alias reduction). */
    boolean sameBlocks(Granule o) {
        return blockType == o.blockType && mixed == o.mixed && windowSwitching == o.windowSwitching;
    }

    void read(BitReader br, boolean mpeg1) {
        part23Length = br.read(12);
        bigValues = br.read(9);
        globalGain = br.read(8);
        scalefacCompress = br.read(mpeg1 ? 4 : 9);
        windowSwitching = br.readBit();
        if (windowSwitching) {
            blockType = br.read(2);
            mixed = br.readBit();
            tableSelect[0] = br.read(5);
            tableSelect[1] = br.read(5);
            tableSelect[2] = 0;
            subblockGain[0] = br.read(3);
            subblockGain[1] = br.read(3);
            subblockGain[2] = br.read(3);
            // Implicit region boundaries (spec): region 1 then reaches the end of the big values.
            region0Count = blockType == 2 && !mixed ? 8 : 7;
            region1Count = 20 - region0Count;
            if (blockType == 0) {
                throw new DamagedFrameException("window switching with block type 0");
            }
        } else {
            blockType = 0;
            mixed = false;
            tableSelect[0] = br.read(5);
            tableSelect[1] = br.read(5);
            tableSelect[2] = br.read(5);
            subblockGain[0] = subblockGain[1] = subblockGain[2] = 0;
            region0Count = br.read(4);
            region1Count = br.read(3);
        }
        preflag = mpeg1 && br.readBit(); // MPEG-2 derives it from scalefac_compress
        scalefacScale = br.read(1);
        count1Table = br.read(1);
        if (bigValues > 288) {
            throw new DamagedFrameException("big_values > 288");
        }
    }
}
