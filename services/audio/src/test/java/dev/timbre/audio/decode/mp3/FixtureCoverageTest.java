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
        final class Counts {
            int version, rate, channels, frames, shorts, startStop, ms;
            boolean crc;
        }
        Counts c = new Counts();
        BitReader br = new BitReader();
        SideInfo side = new SideInfo();
        Frames.forEach(b, (pos, h) -> {
            Frames.readSideInfo(b, pos, h, br, side);
            c.version = h.version(); // every frame Frames visits has the first one's version, rate and channels
            c.rate = h.sampleRate();
            c.channels = h.channels();
            c.crc |= h.crc();
            c.frames++;
            if (h.msStereo()) {
                c.ms++;
            }
            for (int gr = 0; gr < h.granules(); gr++) {
                for (int ch = 0; ch < h.channels(); ch++) {
                    Granule g = side.granules[gr][ch];
                    if (g.shortBlocks()) {
                        c.shorts++;
                    } else if (g.windowSwitching) {
                        c.startStop++;
                    }
                }
            }
        });
        return new Coverage(c.version, c.rate, c.channels, c.frames, c.shorts, c.startStop, c.ms, c.crc);
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
