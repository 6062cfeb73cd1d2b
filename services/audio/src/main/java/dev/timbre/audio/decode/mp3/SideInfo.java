package dev.timbre.audio.decode.mp3;

/** A frame's side information: reservoir offset, scalefactor reuse flags and per granule/channel fields. */
final class SideInfo {

    int mainDataBegin;
    /** MPEG-1 scfsi[ch][band group 0-3]: reuse granule 0's scalefactors in granule 1. */
    final boolean[][] scfsi = new boolean[2][4];
    final Granule[][] granules = {{new Granule(), new Granule()}, {new Granule(), new Granule()}};

    void read(BitReader br, FrameHeader h) {
        int channels = h.channels();
        if (h.mpeg1()) {
            mainDataBegin = br.read(9);
            br.skip(channels == 1 ? 5 : 3); // private bits
            for (int ch = 0; ch < channels; ch++) {
                for (int band = 0; band < 4; band++) {
                    scfsi[ch][band] = br.readBit();
                }
            }
        } else {
            mainDataBegin = br.read(8);
            br.skip(channels == 1 ? 1 : 2);
        }
        for (int gr = 0; gr < h.granules(); gr++) {
            for (int ch = 0; ch < channels; ch++) {
                granules[gr][ch].read(br, h.mpeg1());
            }
        }
    }
}
