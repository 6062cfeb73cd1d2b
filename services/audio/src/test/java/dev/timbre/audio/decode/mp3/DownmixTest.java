package dev.timbre.audio.decode.mp3;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder downmixes the two channels' spectra before the (linear) hybrid filterbank and synthesis; this checks
 * that the result is the mean of the two channels decoded and synthesised separately, within float rounding.
 */
class DownmixTest {

    /** Decodes every frame of the stream with {@code new Layer3Decoder(channels, only)}. */
    static float[] decode(byte[] b, int only) {
        float[] pcm = new float[1152];
        float[][] out = {new float[0]};
        Layer3Decoder[] decoder = {null};
        Frames.forEach(b, (pos, h) -> {
            if (decoder[0] == null) {
                decoder[0] = new Layer3Decoder(h.channels(), only);
            }
            int m = decoder[0].decodeFrame(b, pos, h, pcm);
            int n = out[0].length;
            out[0] = Arrays.copyOf(out[0], n + m);
            System.arraycopy(pcm, 0, out[0], n, m);
        });
        return out[0];
    }

    /** Granules whose two channels use different blocks: there the filterbank runs per channel before the mean. */
    static int mismatchedGranules(byte[] b) {
        int[] count = {0};
        BitReader br = new BitReader();
        SideInfo side = new SideInfo();
        Frames.forEach(b, (pos, h) -> {
            Frames.readSideInfo(b, pos, h, br, side);
            for (int gr = 0; gr < h.granules(); gr++) {
                if (!side.granules[gr][0].sameBlocks(side.granules[gr][1])) {
                    count[0]++;
                }
            }
        });
        return count[0];
    }

    @ParameterizedTest
    @ValueSource(strings = {"tone_440hz_44100_stereo_3s.mp3", "music_44100_jstereo_1s.mp3", "music_48000_stereo_crc_1s.mp3",
            "music_22050_jstereo_1.5s.mp3", "music_11025_jstereo_2s.mp3", "music_8000_jstereo_2s.mp3",
            "split_44100_dual_channel_1s.mp3"})
    void downmixBeforeFilterbankIsTheMeanOfTheChannels(String name) throws IOException {
        byte[] mp3 = FixtureCoverageTest.fixture(name);
        float[] mixed = decode(mp3, -1);
        float[] left = decode(mp3, 0);
        float[] right = decode(mp3, 1);
        assertEquals(left.length, mixed.length);
        double max = 0;
        double peak = 0;
        for (int i = 0; i < mixed.length; i++) {
            max = Math.max(max, Math.abs(mixed[i] - (left[i] + right[i]) / 2));
            peak = Math.max(peak, Math.max(Math.abs(left[i]), Math.abs(right[i])));
        }
        System.out.printf("%s: max |mixed - mean| = %.2g (peak %.2f, %d granules with different blocks per channel)%n",
                name, max, peak, mismatchedGranules(mp3));
        assertTrue(peak > 0.1 && peak < 1, "a loud but unclipped signal, else the check proves little");
        assertTrue(max <= 2e-6, name + ": max |mixed - mean| = " + max);
        if (name.startsWith("split")) {
            assertTrue(mismatchedGranules(mp3) > 0, "the split fixture exercises per-channel filterbanks");
        }
    }
}
