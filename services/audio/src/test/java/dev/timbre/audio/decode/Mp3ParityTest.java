package dev.timbre.audio.decode;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.Obuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our Layer III decoder against JLayer, the reference: the same number of samples, and samples equal to JLayer's
 * (a) before its 16-bit rounding, channel mean of its float synthesis output, within float rounding (≤ 0.25 LSB,
 * ≥ 120 dB SNR), and (b) through the JLayer production path (each channel truncated to 16 bits, then averaged)
 * within the rounding that path adds: ≤ 2/32768 off, except where a channel clipped before that path's downmix
 * (loud masters: there clip-then-mean and mean-then-clip differ by design).
 */
class Mp3ParityTest {

    static final Path FMA = Path.of("../../../shared/data/gtzan/extra/fma");

    static final DecodeLimits LIMITS = DecodeLimits.DEFAULT;

    /**
     * JLayer's synthesis output, mean of the channels, unrounded, at the scale of its PCM (/32768), clipped like ours;
     * {@code clipped[i]}: a channel of sample i was beyond 16 bits, where the 16-bit path's clip-then-mean differs.
     */
    record Reference(float[] mean, boolean[] clipped) {
    }

    static Reference jlayerFloat(byte[] mp3) throws Exception {
        Bitstream bs = new Bitstream(new ByteArrayInputStream(mp3));
        Decoder d = new Decoder();
        float[][] ch = new float[2][1152];
        int[] count = new int[2];
        d.setOutputBuffer(new Obuffer() {
            @Override public void appendSamples(int c, float[] f) {
                System.arraycopy(f, 0, ch[c], count[c], 32);
                count[c] += 32;
            }
            @Override public void append(int c, short v) { throw new UnsupportedOperationException(); }
            @Override public void clear_buffer() { count[0] = count[1] = 0; }
            @Override public void write_buffer(int v) { }
            @Override public void close() { }
            @Override public void set_stop_flag() { }
        });
        float[] out = new float[1 << 16];
        boolean[] clipped = new boolean[out.length];
        int n = 0;
        Header h;
        while ((h = bs.readFrame()) != null) {
            count[0] = count[1] = 0;
            try {
                d.decodeFrame(h, bs);
            } catch (Exception e) {
                bs.closeFrame();
                continue;
            }
            bs.closeFrame();
            boolean stereo = h.mode() != Header.SINGLE_CHANNEL;
            int m = stereo ? Math.min(count[0], count[1]) : count[0];
            if (n + m > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
                clipped = Arrays.copyOf(clipped, out.length);
            }
            for (int i = 0; i < m; i++) {
                float v = stereo ? (ch[0][i] + ch[1][i]) / 2 : ch[0][i];
                clipped[n] = Math.abs(ch[0][i]) > 32767f || (stereo && Math.abs(ch[1][i]) > 32767f);
                v = Math.max(-32767f, Math.min(32767f, v));
                out[n++] = v / 32768f;
            }
        }
        return new Reference(Arrays.copyOf(out, n), Arrays.copyOf(clipped, n));
    }

    record Diff(double maxAbs, double snrDb, int skipped) {
        @Override public String toString() {
            return String.format("max |diff| %.3g (%.2f LSB), SNR %.1f dB%s", maxAbs, maxAbs * 32768, snrDb,
                    skipped > 0 ? " (" + skipped + " samples with a clipped channel left out)" : "");
        }
    }

    static Diff diff(float[] ref, float[] got, boolean[] skip) {
        double sig = 0, err = 0, max = 0;
        int skipped = 0;
        for (int i = 0; i < ref.length; i++) {
            if (skip != null && skip[i]) {
                skipped++;
                continue;
            }
            double e = got[i] - ref[i];
            sig += (double) ref[i] * ref[i];
            err += e * e;
            max = Math.max(max, Math.abs(e));
        }
        return new Diff(max, err == 0 ? 200 : 10 * Math.log10(sig / err), skipped);
    }

    static void assertMatches(String name, byte[] mp3) throws Exception {
        float[] ours = new Mp3Decoder().decode(mp3, LIMITS).samples();
        Reference ref = jlayerFloat(mp3);
        float[] jlayerPath = new JLayerMp3Decoder().decode(mp3, LIMITS).samples();
        assertEquals(ref.mean().length, ours.length, name + ": length");
        assertEquals(jlayerPath.length, ours.length, name + ": length vs the JLayer path");
        Diff f = diff(ref.mean(), ours, null);
        Diff p = diff(jlayerPath, ours, ref.clipped());
        System.out.println(name + ": vs JLayer float " + f + "; vs JLayer 16-bit path " + p);
        // Float rounding only (measured: <= 0.1 LSB, >= 129 dB on the FMA files).
        assertTrue(f.maxAbs <= 0.25 / 32768 && f.snrDb >= 120, name + " vs JLayer float: " + f);
        // The 16-bit path truncates each channel before the mean: < 1 LSB apart (its SNR is that truncation noise).
        assertTrue(p.maxAbs <= 2.0 / 32768, name + " vs JLayer 16-bit path: " + p);
    }

    /** MPEG-1 (44.1/48/32 kHz), MPEG-2 LSF (22.05/24/16 kHz), MPEG-2.5 (11.025/12/8 kHz); joint/plain stereo and mono, CRC. */
    @ParameterizedTest
    @ValueSource(strings = {"tone_440hz_44100_stereo_3s.mp3", "music_44100_jstereo_1s.mp3", "music_48000_stereo_crc_1s.mp3",
            "music_32000_mono_1s.mp3", "music_22050_jstereo_1.5s.mp3", "music_24000_mono_1.5s.mp3",
            "music_16000_jstereo_1.5s.mp3", "music_11025_jstereo_2s.mp3", "music_12000_mono_2s.mp3",
            "music_8000_jstereo_2s.mp3", "split_44100_dual_channel_1s.mp3"})
    void fixturesMatchJLayer(String name) throws Exception {
        assertMatches(name, CompressedFormatsTest.fixture(name));
    }

    /**
     * Streams written by the test itself (random side info and spectra; every block type including mixed blocks,
     * which neither LAME nor the FMA files use; all big-value tables; preflag, subblock gain, scalefac_scale).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void syntheticStreamsWithMixedBlocksMatchJLayer(long seed) throws Exception {
        byte[] mp3 = dev.timbre.audio.decode.mp3.SyntheticLayer3Stream.stream(seed, 40);
        assertEquals(40 * 1152, new Mp3Decoder().decode(mp3, LIMITS).samples().length, "every frame decodes");
        assertMatches("synthetic stream " + seed, mp3);
    }

    /** An ID3v2 tag (with frame-sync-like bytes inside) before and an ID3v1 tag after change nothing. */
    @org.junit.jupiter.api.Test
    void id3TagsAreSkipped() throws Exception {
        byte[] mp3 = CompressedFormatsTest.fixture("music_44100_jstereo_1s.mp3");
        byte[] payload = new byte[300];
        Arrays.fill(payload, (byte) 0xFF);
        byte[] v2 = new byte[10 + payload.length];
        v2[0] = 'I';
        v2[1] = 'D';
        v2[2] = '3';
        v2[3] = 3;
        v2[8] = (byte) (payload.length >> 7);
        v2[9] = (byte) (payload.length & 0x7f);
        System.arraycopy(payload, 0, v2, 10, payload.length);
        byte[] v1 = new byte[128];
        v1[0] = 'T';
        v1[1] = 'A';
        v1[2] = 'G';
        byte[] tagged = new byte[v2.length + mp3.length + v1.length];
        System.arraycopy(v2, 0, tagged, 0, v2.length);
        System.arraycopy(mp3, 0, tagged, v2.length, mp3.length);
        System.arraycopy(v1, 0, tagged, v2.length + mp3.length, v1.length);
        float[] plain = new Mp3Decoder().decode(mp3, LIMITS).samples();
        float[] withTags = new Mp3Decoder().decode(tagged, LIMITS).samples();
        assertTrue(Arrays.equals(plain, withTags), "tags change the decoded samples");
        // (The JLayer path loses a frame when the ID3v1 tag follows, and reports the file TRUNCATED.)
        byte[] onlyV2 = Arrays.copyOf(tagged, tagged.length - v1.length);
        assertTrue(Arrays.equals(plain, new Mp3Decoder().decode(onlyV2, LIMITS).samples()), "ID3v2 only");
    }

    @org.junit.jupiter.api.Test
    void layer2GoesToJLayer() throws Exception {
        byte[] mp2 = CompressedFormatsTest.fixture("music_44100_layer2_1s.mp2");
        DecodedAudio ours = new Mp3Decoder().decode(mp2, LIMITS);
        DecodedAudio jlayer = new JLayerMp3Decoder().decode(mp2, LIMITS);
        assertEquals(44100, ours.sampleRate());
        assertEquals(2, ours.channels());
        assertTrue(ours.samples().length > 40_000, "about 1 s decoded");
        assertTrue(Arrays.equals(jlayer.samples(), ours.samples()), "Layer II is decoded by JLayer, unchanged");
    }

    static Stream<Path> fmaFiles() throws IOException {
        if (!Files.isDirectory(FMA)) {
            return Stream.of((Path) null);
        }
        try (Stream<Path> s = Files.walk(FMA)) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".mp3")).sorted().toList();
            return l.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fmaFiles")
    void realMp3sMatchJLayer(Path file) throws Exception {
        Assumptions.assumeTrue(file != null, "FMA MP3s not present under " + FMA);
        assertMatches(FMA.relativize(file).toString(), Files.readAllBytes(file));
    }
}
