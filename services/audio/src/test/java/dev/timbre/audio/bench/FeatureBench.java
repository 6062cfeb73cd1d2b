package dev.timbre.audio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.LibrosaFixtures;
import dev.timbre.audio.decode.AudioDecoding;
import dev.timbre.audio.decode.DecodeLimits;
import dev.timbre.audio.decode.JLayerMp3Decoder;
import dev.timbre.audio.dsp.Dct;
import dev.timbre.audio.dsp.PowerToDb;
import dev.timbre.audio.features.LogMel;
import dev.timbre.audio.features.Mfcc;
import dev.timbre.audio.filters.MelFilterbank;
import dev.timbre.audio.resample.KaiserSincResampler;
import dev.timbre.audio.resample.PolyphaseResampler;
import dev.timbre.audio.synth.SyntheticGenres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Throughput of the audio path on 30 s of audio, one thread (run with {@code -Pbench}, see the module
 * README). Every figure is printed next to a baseline measured in the same run: the previous
 * implementation (JTransforms STFT, KaiserSincResampler) is kept in the bench sources for that, and
 * librosa's figure from the fixtures' manifest is printed as "recorded" (it was not measured here).
 * Medians of wall time and of the thread's CPU time; the machine load is printed, because other
 * work on a 2-core machine inflates wall time. Writes the medians to the JSON file given as argument.
 */
public final class FeatureBench {

    private static final int WARMUP = 15;
    private static final int RUNS = 41;
    private static final long WARMUP_NANOS = 2_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Map<String, Object> JSON = new LinkedHashMap<>();

    public static void main(String[] args) throws IOException {
        Path jsonOut = Path.of(args.length > 0 ? args[0] : "target/bench/audio.json");
        Optional<Path> fixtures = LibrosaFixtures.dir();
        float[] song = fixtures.map(d -> d.resolve("musiclike_30s.wav"))
                .filter(p -> p.toFile().isFile())
                .map(p -> new AudioDecoding(DecodeLimits.DEFAULT).decode(p).samples())
                .orElseGet(() -> SyntheticGenres.render("rock", 1, 30.0));
        double seconds = song.length / 22050.0;
        JsonNode timing = fixtures.map(d -> LibrosaFixtures.read(d.resolve("manifest.json")))
                .map(m -> m.path("librosa_timing_2026_12_01").path("librosa_0_11_0").path("melspectrogram+power_to_db+mfcc_median_ms"))
                .orElse(null);
        Double librosaMs = timing != null && timing.isNumber() ? timing.asDouble() : null;
        String load = Files.isReadable(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "n/a";
        System.out.printf("timbre-audio benchmark: %.1f s of audio, %d warm-up runs (at least 2 s) + %d timed runs, one thread, %s, %d cores, load average %s%n",
                seconds, WARMUP, RUNS, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), load);
        JSON.put("load_average_start", load);

        // Features: whole 30 s signal, like librosa.feature.mfcc(y) on the fixture.
        LogMel logMel = LogMel.librosaDefaults();
        Mfcc mfcc = new Mfcc(128, 13);
        Baseline old = new Baseline();
        double[] base = median(() -> old.mfccAndLogMel(song));
        double[] now = median(() -> mfcc.fromLogMel(logMel.compute(song)));
        report("mfcc_logmel_30s_ms", "MFCC + log-mel, whole 30 s", now, "baseline_mfcc_logmel_30s_ms", base);
        if (librosaMs != null) {
            System.out.printf("    recorded (manifest librosa_timing_2026_12_01, librosa 0.11.0, not measured here): %.1f ms -> %.1fx librosa (cpu)%n",
                    librosaMs, librosaMs / (now[1] * 1e3));
            JSON.put("recorded_librosa_0_11_mfcc_logmel_30s_ms", librosaMs);
        }
        double[] windows = median(() -> AudioAnalyzer.defaults().analyze(song, 22050));
        report("analyzer_10_windows_30s_ms", "AudioAnalyzer, 10 x 3 s windows", windows, null, null);

        // Resampling a 30 s 44.1 kHz stereo song, downmix included.
        float[] mono44k = new KaiserSincResampler(22050, 44100).resample(song);
        float[] stereo = new float[2 * mono44k.length];
        for (int i = 0; i < mono44k.length; i++) {
            stereo[2 * i] = mono44k[i];
            stereo[2 * i + 1] = 0.5f * mono44k[i];
        }
        KaiserSincResampler kaiser = new KaiserSincResampler(44100, 22050);
        double[] rsBase = median(() -> kaiser.resample(downmix(stereo)));
        double[] rsNow = median(() -> PolyphaseResampler.of(44100, 22050).resample(downmix(stereo)));
        report("resample_44k1_stereo_30s_ms", "downmix + resample 44.1 kHz stereo -> 22.05 kHz", rsNow,
                "baseline_resample_44k1_stereo_30s_ms", rsBase);
        float[] mono48k = new KaiserSincResampler(22050, 48000).resample(song);
        KaiserSincResampler kaiser48 = new KaiserSincResampler(48000, 22050);
        report("resample_48k_mono_30s_ms", "resample 48 kHz mono -> 22.05 kHz",
                median(() -> PolyphaseResampler.of(48000, 22050).resample(mono48k)),
                "baseline_resample_48k_mono_30s_ms", median(() -> kaiser48.resample(mono48k)));

        // Decoders, 30 s of each format; MP3 44.1 kHz stereo end to end.
        AudioDecoding decoding = new AudioDecoding(DecodeLimits.DEFAULT);
        byte[] mp3 = repeat(fixture("tone_440hz_44100_stereo_3s.mp3"), 10);
        byte[] flac = fixture("tone_1000hz_48000_mono_3s.flac");
        byte[] ogg = fixture("tone_660hz_22050_stereo_3s.ogg");
        // MP3: our Layer III decoder, with the JLayer path (JLayerMp3Decoder, what decoded MP3 before) as the same-run baseline.
        JLayerMp3Decoder jlayerPath = new JLayerMp3Decoder();
        report("decode_mp3_44k1_stereo_30s_ms", "decode MP3 44.1 kHz stereo (fixture x10 = 30 s)", median(() -> decoding.decode(mp3)),
                "baseline_decode_mp3_44k1_stereo_30s_ms", median(() -> jlayerPath.decode(mp3, DecodeLimits.DEFAULT)));
        report("decode_flac_48k_mono_30s_ms", "decode FLAC 48 kHz mono (3 s fixture, x10)", scale(median(() -> decoding.decode(flac)), 10), null, null);
        report("decode_ogg_22k05_stereo_30s_ms", "decode Ogg Vorbis 22.05 kHz stereo (3 s fixture, x10)", scale(median(() -> decoding.decode(ogg)), 10), null, null);
        double[] e2e = median(() -> AudioAnalyzer.defaults().analyze(mp3));
        report("mp3_44k1_to_windows_30s_ms", "end to end: 30 s 44.1 kHz stereo MP3 bytes -> 10 windows", e2e,
                "baseline_mp3_44k1_to_windows_30s_ms",
                median(() -> AudioAnalyzer.defaults().analyze(jlayerPath.decode(mp3, DecodeLimits.DEFAULT).samples(), 44100)));
        // Where the MP3 end to end goes: our Layer III decoder alone (frames to mono floats), against JLayer alone (its
        // Decoder into a sink that keeps nothing: the floor of any path through JLayer); resampling; the 10 windows' features.
        report("mp3_decode_only_30s_ms", "  of which our Layer III decoder (bytes -> mono floats)", median(() -> decoding.decode(mp3)),
                "baseline_mp3_jlayer_only_30s_ms", median(() -> jlayerOnly(mp3)));
        report("mp3_jlayer_only_30s_ms", "  (JLayer alone, decodeFrame into a no-op sink, for reference)", median(() -> jlayerOnly(mp3)), null, null);
        float[] mp3Mono = decoding.decode(mp3).samples();
        report("mp3_resample_30s_ms", "  of which resample 44.1 -> 22.05 kHz", median(() -> PolyphaseResampler.of(44100, 22050).resample(mp3Mono)), null, null);
        float[] mp3At22k = PolyphaseResampler.of(44100, 22050).resample(mp3Mono);
        report("mp3_features_30s_ms", "  of which features of the 10 windows", median(() -> AudioAnalyzer.defaults().analyze(mp3At22k, 22050)), null, null);
        Path real = Path.of(System.getProperty("timbre.bench.mp3", "../../../shared/data/gtzan/extra/fma/rock/000182.mp3"));
        if (Files.isRegularFile(real)) {
            byte[] r = Files.readAllBytes(real);
            report("decode_real_mp3_ms", "decode real MP3 (" + real.getFileName() + ", "
                    + String.format("%.1f s", decoding.decode(r).durationSeconds()) + ", measurement only)",
                    median(() -> decoding.decode(r)), "baseline_decode_real_mp3_ms", median(() -> jlayerPath.decode(r, DecodeLimits.DEFAULT)));
            report("real_mp3_to_windows_ms", "end to end: real MP3 bytes -> windows (measurement only)",
                    median(() -> AudioAnalyzer.defaults().analyze(r)), null, null);
        }
        // A real 30 s FLAC (GTZAN excerpt, 22.05 kHz mono; measurement only). No 30 s Ogg Vorbis exists
        // here and JOrbis cannot encode, so Ogg stays measured on the 3 s fixture.
        Path realFlac = Path.of(System.getProperty("timbre.bench.flac", "../../../shared/data/gtzan/valid/blues/blues.00009.flac"));
        if (Files.isRegularFile(realFlac)) {
            byte[] r = Files.readAllBytes(realFlac);
            report("decode_real_flac_ms", "decode real FLAC (" + realFlac.getFileName() + ", "
                    + String.format("%.1f s", decoding.decode(r).durationSeconds()) + ", measurement only)",
                    median(() -> decoding.decode(r)), null, null);
        }

        // 30 s 44.1 kHz stereo Ogg Vorbis and FLAC (no such file in the repo or in ../shared, and nothing in Java
        // encodes Vorbis): encoded outside the bench from the musiclike fixture, see the module README. Measurement
        // only, each decoded whole, then end to end.
        Path inputs = Path.of(Optional.ofNullable(System.getenv("TIMBRE_BENCH_INPUTS")).orElse("target/bench/inputs"));
        for (String[] f : new String[][] {{"ogg", "Ogg Vorbis"}, {"flac", "FLAC"}}) {
            Path p = inputs.resolve("musiclike_30s_44k1_stereo." + f[0]);
            if (!Files.isRegularFile(p)) {
                System.out.printf("(no %s: 30 s 44.1 kHz stereo %s not measured)%n", p, f[1]);
                continue;
            }
            byte[] r = Files.readAllBytes(p);
            String d = String.format("%.1f s", decoding.decode(r).durationSeconds());
            report("decode_" + f[0] + "_44k1_stereo_30s_ms", "decode " + f[1] + " 44.1 kHz stereo (" + d + ", " + r.length / 1024 + " KiB)",
                    median(() -> decoding.decode(r)), null, null);
            report(f[0] + "_44k1_to_windows_30s_ms", "end to end: 30 s 44.1 kHz stereo " + f[1] + " bytes -> 10 windows",
                    median(() -> AudioAnalyzer.defaults().analyze(r)), null, null);
        }

        String loadEnd = Files.isReadable(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "n/a";
        JSON.put("load_average_end", loadEnd);
        JSON.put("java", System.getProperty("java.version"));
        JSON.put("cores", Runtime.getRuntime().availableProcessors());
        System.out.printf("load average at the end: %s%n", loadEnd);
        Files.createDirectories(jsonOut.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonOut.toFile(), JSON);
        System.out.println("wrote " + jsonOut.toAbsolutePath().normalize());
    }

    /** The feature chain before issue #12: JTransforms STFT, then the same mel, dB and DCT. */
    static final class Baseline {
        private final BaselineStft stft = new BaselineStft(2048, 512);
        private final MelFilterbank bank = MelFilterbank.slaney(22050, 2048, 128, 0, 11025);
        private final Dct dct = new Dct(128, 13);

        float[] mfccAndLogMel(float[] y) {
            float[] mel = new float[stft.frames(y.length) * 128];
            stft.forEachPowerFrame(y, (t, p) -> bank.apply(p, mel, t * 128));
            PowerToDb.DEFAULT.applyInPlace(mel);
            float[] out = new float[stft.frames(y.length) * 13];
            for (int t = 0; t < stft.frames(y.length); t++) {
                dct.transform(mel, t * 128, out, t * 13);
            }
            return out;
        }
    }

    /** JLayer's decode of every frame into an output buffer that discards the PCM: its own cost, nothing of ours. */
    private static Integer jlayerOnly(byte[] mp3) {
        javazoom.jl.decoder.Bitstream b = new javazoom.jl.decoder.Bitstream(new java.io.ByteArrayInputStream(mp3));
        javazoom.jl.decoder.Decoder d = new javazoom.jl.decoder.Decoder();
        d.setOutputBuffer(new javazoom.jl.decoder.Obuffer() {
            @Override public void append(int channel, short value) { }
            @Override public void appendSamples(int channel, float[] f) { }
            @Override public void clear_buffer() { }
            @Override public void write_buffer(int val) { }
            @Override public void close() { }
            @Override public void set_stop_flag() { }
        });
        int frames = 0;
        try {
            javazoom.jl.decoder.Header h;
            while ((h = b.readFrame()) != null) {
                d.decodeFrame(h, b);
                b.closeFrame();
                frames++;
            }
        } catch (javazoom.jl.decoder.JavaLayerException e) {
            throw new IllegalStateException(e);
        }
        return frames;
    }

    private static float[] downmix(float[] interleavedStereo) {
        float[] mono = new float[interleavedStereo.length / 2];
        for (int i = 0; i < mono.length; i++) {
            mono[i] = (interleavedStereo[2 * i] + interleavedStereo[2 * i + 1]) / 2;
        }
        return mono;
    }

    private static byte[] fixture(String name) {
        try (InputStream in = FeatureBench.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MPEG frames are self-contained, so concatenated copies of a file form a longer stream. */
    private static byte[] repeat(byte[] b, int times) {
        byte[] out = new byte[b.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(b, 0, out, i * b.length, b.length);
        }
        return out;
    }

    private static double[] scale(double[] wallCpu, double factor) {
        return new double[] {wallCpu[0] * factor, wallCpu[1] * factor};
    }

    private static void report(String key, String what, double[] now, String baseKey, double[] base) {
        String vs = base == null ? "" : String.format("  | baseline (previous implementation, same run) cpu %.2f ms: %.2fx faster",
                base[1] * 1e3, base[1] / now[1]);
        System.out.printf("%-66s wall %7.2f ms  cpu %7.2f ms%s%n", what, now[0] * 1e3, now[1] * 1e3, vs);
        JSON.put(key, round(now[1] * 1e3));
        JSON.put(key.replace("_ms", "_wall_ms"), round(now[0] * 1e3));
        if (base != null) {
            JSON.put(baseKey, round(base[1] * 1e3));
            JSON.put(baseKey.replace("_ms", "_wall_ms"), round(base[0] * 1e3));
        }
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    /** Median wall and thread-CPU seconds of {@code work}. */
    private static double[] median(Supplier<?> work) {
        Object sink = null;
        // At least WARMUP runs and WARMUP_NANOS: 15 runs of a 9 ms workload are 0.14 s, and on the loaded 2-core
        // machine C2 had not always finished compiling the hot methods by then (the same build measured 9 or 11 ms
        // from one JVM to the next); the baseline gets the same warm-up.
        long warmStart = System.nanoTime();
        for (int i = 0; i < WARMUP || System.nanoTime() - warmStart < WARMUP_NANOS; i++) {
            sink = work.get();
        }
        double[] wall = new double[RUNS];
        double[] cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long c = THREADS.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            sink = work.get();
            wall[i] = (System.nanoTime() - s) / 1e9;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c) / 1e9;
        }
        if (sink == null) {
            throw new IllegalStateException();
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[RUNS / 2], cpu[RUNS / 2]};
    }
}
