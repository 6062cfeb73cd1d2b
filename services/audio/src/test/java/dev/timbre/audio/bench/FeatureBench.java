package dev.timbre.audio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.LibrosaFixtures;
import dev.timbre.audio.decode.AudioDecoding;
import dev.timbre.audio.decode.DecodeLimits;
import dev.timbre.audio.decode.DecodedAudio;
import dev.timbre.audio.features.LogMel;
import dev.timbre.audio.features.Mfcc;
import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.resample.KaiserSincResampler;
import dev.timbre.audio.synth.SyntheticGenres;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Throughput of the feature path on 30 s of audio (run with {@code -Pbench}, see the module README).
 * Prints median wall time per song and the real-time factor, and the ratio to librosa's anchor
 * timing from the shared fixtures' manifest (same kind of 2-core machine) when it is present.
 * Each figure is measured twice: wall-clock time and the benchmark thread's CPU time; on a shared,
 * overloaded machine the CPU time is the better estimate of what the code costs (all paths are
 * single-threaded).
 */
public final class FeatureBench {

    private static final int WARMUP = 15;
    private static final int RUNS = 25;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        Optional<Path> fixtures = LibrosaFixtures.dir();
        float[] song = fixtures.map(d -> d.resolve("musiclike_30s.wav"))
                .filter(p -> p.toFile().isFile())
                .map(p -> new AudioDecoding(DecodeLimits.DEFAULT).decode(p).samples())
                .orElseGet(() -> SyntheticGenres.render("rock", 1, 30.0));
        double seconds = song.length / 22050.0;
        Double librosa = fixtures.map(d -> LibrosaFixtures.read(d.resolve("manifest.json")))
                .map(m -> m.path("librosa_mfcc_30s_seconds").path("median"))
                .filter(JsonNode::isNumber).map(JsonNode::asDouble).orElse(null);

        System.out.printf("timbre-audio feature benchmark: %.1f s of audio, %d warm-up + %d timed runs, %s, %d cores%n",
                seconds, WARMUP, RUNS, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());

        LogMel logMel = LogMel.librosaDefaults();
        Mfcc mfcc = new Mfcc(128, 13);
        double[] whole = median(() -> mfcc.fromLogMel(logMel.compute(song)));
        report("MFCC+log-mel, whole 30 s signal (= librosa.feature.mfcc(y))", whole, seconds, librosa);

        double[] windowed = median(() -> AudioAnalyzer.defaults().analyze(song, 22050));
        report("AudioAnalyzer, 10 x 3 s windows (MFCC + log-mel)", windowed, seconds, librosa);

        float[] stereo44k = new KaiserSincResampler(22050, 44100).resample(song);
        byte[] wav44k = WavWriter.toBytes(stereo44k, 44100);
        AudioDecoding decoding = new AudioDecoding(DecodeLimits.DEFAULT);
        double[] decode = median(() -> decoding.decode(wav44k));
        report("decode 30 s 44.1 kHz 16-bit WAV", decode, seconds, null);
        DecodedAudio decoded = decoding.decode(wav44k);
        double[] resample = median(() -> new KaiserSincResampler(44100, 22050).resample(decoded.samples()));
        report("resample 44.1 kHz -> 22.05 kHz (Kaiser sinc, 64 zero crossings)", resample, seconds, null);
        float[] at48k = new KaiserSincResampler(22050, 48000).resample(song);
        double[] resample48 = median(() -> new KaiserSincResampler(48000, 22050).resample(at48k));
        report("resample 48 kHz -> 22.05 kHz", resample48, seconds, null);
        double[] end2end = median(() -> AudioAnalyzer.defaults().analyze(wav44k));
        report("end to end: 44.1 kHz WAV bytes -> 10 windows", end2end, seconds, null);
    }

    private static void report(String what, double[] wallAndCpu, double audioSeconds, Double librosa) {
        double wall = wallAndCpu[0];
        double cpu = wallAndCpu[1];
        String ratio = librosa == null ? "" : String.format("  | librosa %.1f ms: %s (cpu)", librosa * 1e3,
                cpu < librosa ? String.format("%.2fx faster", librosa / cpu) : String.format("%.2fx slower", cpu / librosa));
        System.out.printf("%-62s wall %7.2f ms  cpu %7.2f ms/song  %6.0fx real time (cpu)%s%n",
                what, wall * 1e3, cpu * 1e3, audioSeconds / cpu, ratio);
    }

    /** Median wall and thread-CPU seconds of {@code work}. */
    private static double[] median(Supplier<?> work) {
        Object sink = null;
        for (int i = 0; i < WARMUP; i++) {
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
