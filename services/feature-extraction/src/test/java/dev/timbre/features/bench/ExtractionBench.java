package dev.timbre.features.bench;

import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.features.extract.FeatureExtractor;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.features.WindowFeatures;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code mvn -pl services/feature-extraction -am -Pbench -DskipTests verify}: extraction throughput of
 * 30 s songs with 1 worker (baseline) and with {@code timbre.features.concurrency} workers, and the cost
 * of serialising a window from the zero-copy float view versus boxed {@code ArrayList<Float>} copies.
 */
public final class ExtractionBench {
    private static final int SONGS = Integer.getInteger("bench.songs", 6);
    private static final double SECONDS = 30.0;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("extraction-bench");
        List<Path> songs = new ArrayList<>();
        for (int i = 0; i < SONGS; i++) {
            String genre = SyntheticGenres.GENRES.get(i % SyntheticGenres.GENRES.size());
            Path file = dir.resolve(genre + "-" + i + ".wav");
            WavWriter.write(file, SyntheticGenres.render(genre, i, SECONDS), SyntheticGenres.SAMPLE_RATE);
            songs.add(file);
        }
        FeatureExtractor extractor = new FeatureExtractor();
        if (Boolean.getBoolean("bench.serialiseOnly")) {
            serialisation(extractor, songs.get(0));
            return;
        }
        songsPerSecond(extractor, songs, 1); // JIT warm-up

        int cores = Runtime.getRuntime().availableProcessors();
        // best of 3 rounds each, interleaved, so neither side benefits from a later-warmed JIT or a quieter machine
        double one = 0;
        double many = 0;
        for (int round = 0; round < 3; round++) {
            one = Math.max(one, songsPerSecond(extractor, songs, 1));
            many = Math.max(many, songsPerSecond(extractor, songs, Math.max(2, cores)));
        }
        System.out.printf("cores available          : %d%n", cores);
        System.out.printf("1 worker                 : %.2f songs/s (%.0f ms per 30 s song, %.1f windows/s)%n",
                one, 1000 / one, one * 10);
        System.out.printf("%d workers                : %.2f songs/s (x%.2f vs 1 worker)%n", Math.max(2, cores), many, many / one);
        serialisation(extractor, songs.get(0));
    }

    private static void serialisation(FeatureExtractor extractor, Path song) throws Exception {
        List<WindowFeatures> windows = extractor.extract("s", song);
        SpecificAvroSerializer<WindowFeatures> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", "mock://extraction-bench"), false);
        List<WindowFeatures> boxed = windows.stream().map(w -> WindowFeatures.newBuilder(w)
                .setMfcc(new ArrayList<>(w.getMfcc())).setLogMel(new ArrayList<>(w.getLogMel())).build()).toList();
        int size = serializer.serialize("audio.features", windows.get(0)).length;
        double viewUs = serialiseMicros(serializer, windows, false);
        double boxedUs = serialiseMicros(serializer, windows, true);
        // the platform serializer's encoding before it buffered: a direct encoder, one stream write per float
        SpecificDatumWriter<WindowFeatures> writer = new SpecificDatumWriter<>(WindowFeatures.getClassSchema());
        double directUs = 0;
        double bufferedUs = 0;
        for (int round = 0; round < 3; round++) { // interleaved, best of 3
            directUs = round == 0 ? directMicros(writer, windows) : Math.min(directUs, directMicros(writer, windows));
            bufferedUs = round == 0 ? serialiseMicros(serializer, windows, false)
                    : Math.min(bufferedUs, serialiseMicros(serializer, windows, false));
        }
        System.out.printf("serialise, platform      : %.0f us/window; direct encoder (the serializer before) %.0f us (x%.2f)%n",
                bufferedUs, directUs, directUs / bufferedUs);
        // the producer's batch compression of one song's 10 serialised windows, through Kafka's own record builder
        List<byte[]> values = windows.stream().map(w -> serializer.serialize("audio.features", w)).toList();
        for (int round = 0; round < 4; round++) { // interleaved; the last round printed
            for (CompressionType type : List.of(CompressionType.NONE, CompressionType.LZ4, CompressionType.ZSTD)) {
                double[] r = compressMicros(type, values);
                if (round == 3) {
                    System.out.printf("batch compression %-6s : %.0f us/window, compressed/raw %.3f%n", type.name, r[0], r[1]);
                }
            }
        }
        System.out.printf("window record size       : %d bytes (Avro, uncompressed)%n", size);
        System.out.printf("serialise, float view    : %.0f us/window%n", viewUs);
        System.out.printf("serialise, boxed copy    : %.0f us/window (boxed/view time ratio %.2f, copy cost included)%n",
                boxedUs, boxedUs / viewUs);
        if (boxed.isEmpty()) {
            throw new IllegalStateException("no windows");
        }
    }

    private static double songsPerSecond(FeatureExtractor extractor, List<Path> songs, int workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> done = new ArrayList<>();
            for (Path song : songs) {
                done.add(pool.submit(() -> extractor.extract("bench", song).size()));
            }
            for (Future<Integer> f : done) {
                if (f.get() != 10) {
                    throw new IllegalStateException("expected 10 windows per 30 s song, got " + f.get());
                }
            }
            return songs.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    /** [us per window, compressed/raw] for one batch per song, as the producer builds it. */
    private static double[] compressMicros(CompressionType type, List<byte[]> values) {
        int rounds = 100;
        long start = System.nanoTime();
        double ratio = 0;
        for (int r = 0; r < rounds; r++) {
            MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(1 << 20), RecordBatch.CURRENT_MAGIC_VALUE,
                    Compression.of(type).build(), TimestampType.CREATE_TIME, 0L);
            for (byte[] v : values) {
                builder.append(0L, "song".getBytes(), v);
            }
            builder.close();
            ratio = builder.compressionRatio();
        }
        return new double[]{(System.nanoTime() - start) / 1e3 / (rounds * values.size()), ratio};
    }

    private static double directMicros(SpecificDatumWriter<WindowFeatures> writer, List<WindowFeatures> windows) throws Exception {
        int rounds = 200;
        long bytes = 0;
        long start = 0;
        for (int warm = 0; warm < 2; warm++) {
            start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (WindowFeatures w : windows) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
                    out.write(new byte[5]);
                    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
                    writer.write(w, encoder);
                    encoder.flush();
                    bytes += out.toByteArray().length;
                }
            }
        }
        if (bytes == 0) {
            throw new IllegalStateException();
        }
        return (System.nanoTime() - start) / 1e3 / (rounds * windows.size());
    }

    private static double serialiseMicros(SpecificAvroSerializer<WindowFeatures> serializer, List<WindowFeatures> windows,
                                          boolean boxedCopy) {
        int rounds = 200;
        long bytes = 0;
        for (int warm = 0; warm < 2; warm++) {
            long start = System.nanoTime();
            for (int r = 0; r < rounds; r++) {
                for (WindowFeatures w : windows) {
                    WindowFeatures record = boxedCopy ? WindowFeatures.newBuilder(w)
                            .setMfcc(new ArrayList<>(w.getMfcc())).setLogMel(new ArrayList<>(w.getLogMel())).build() : w;
                    bytes += serializer.serialize("audio.features", record).length;
                }
            }
            if (warm == 1) {
                if (bytes == 0) {
                    throw new IllegalStateException();
                }
                return (System.nanoTime() - start) / 1e3 / (rounds * windows.size());
            }
        }
        throw new IllegalStateException();
    }

    private ExtractionBench() {
    }
}
