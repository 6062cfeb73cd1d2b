package dev.timbre.audio.decode.mp3;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MP3 fixtures that {@code Mp3ParityTest} compares with JLayer really exercise what they are there for: their
 * MPEG version and rate, channel mode, short blocks (and the start/stop blocks around them) and mid/side frames.
 */
class FixtureCoverageTest {

    record Coverage(int version, int sampleRate, int channels, int frames, int shortGranules, int startStopGranules,
                    int msFrames, boolean crc) {
    }

    static Coverage scan(byte[] b) {
        int version = 0, rate = 0, channels = 0, frames = 0, shorts = 0, startStop = 0, ms = 0;
        boolean crc = false;
        BitReader br = new BitReader();
        SideInfo side = new SideInfo();
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
            byte[] frame = java.util.Arrays.copyOfRange(b, pos, pos + h.frameLength() + 8);
            br.reset(frame, (4 + (h.crc() ? 2 : 0)) * 8);
            side.read(br, h);
            version = first.version();
            rate = first.sampleRate();
            channels = first.channels();
            crc |= h.crc();
            frames++;
            if (h.msStereo()) {
                ms++;
            }
            for (int gr = 0; gr < h.granules(); gr++) {
                for (int ch = 0; ch < h.channels(); ch++) {
                    Granule g = side.granules[gr][ch];
                    if (g.shortBlocks()) {
                        shorts++;
                    } else if (g.windowSwitching) {
                        startStop++;
                    }
                }
            }
            pos += h.frameLength();
        }
        return new Coverage(version, rate, channels, frames, shorts, startStop, ms, crc);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(FixtureCoverageTest.class.getResourceAsStream("/fixtures/" + name), name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "music_44100_jstereo_1s.mp3,    1, 44100, 2, true,  false",
            "music_48000_stereo_crc_1s.mp3, 1, 48000, 2, false, true",
            "music_32000_mono_1s.mp3,       1, 32000, 1, false, false",
            "music_22050_jstereo_1.5s.mp3,  2, 22050, 2, true,  false",
            "music_24000_mono_1.5s.mp3,     2, 24000, 1, false, false",
            "music_16000_jstereo_1.5s.mp3,  2, 16000, 2, true,  false",
            "music_11025_jstereo_2s.mp3,   25, 11025, 2, true,  false",
            "music_12000_mono_2s.mp3,      25, 12000, 1, false, false",
            "music_8000_jstereo_2s.mp3,    25,  8000, 2, true,  false",
            "split_44100_dual_channel_1s.mp3, 1, 44100, 2, false, false",
    })
    void fixtureCoversItsCase(String name, int version, int rate, int channels, boolean midSide, boolean crc) throws IOException {
        Coverage c = scan(fixture(name));
        assertEquals(version, c.version(), "MPEG version");
        assertEquals(rate, c.sampleRate(), "rate");
        assertEquals(channels, c.channels(), "channels");
        assertEquals(crc, c.crc(), "CRC");
        assertTrue(c.shortGranules() > 0 && c.startStopGranules() > 0, name + " has short blocks: " + c);
        if (midSide) {
            assertTrue(c.msFrames() > 0, name + " has mid/side frames: " + c);
        }
    }
}
