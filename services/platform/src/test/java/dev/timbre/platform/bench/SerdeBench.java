package dev.timbre.platform.bench;

import dev.timbre.platform.registry.InMemorySchemaRegistry;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Serde round trip (serialize + deserialize) throughput against a baseline of plain Avro binary encoding of the
 * same record in the same run: the ratio is what the wire format, the registry lookups (cached) and the schema
 * resolution cost. Run with {@code mvn -pl services/platform -am -Pbench -DskipTests verify}.
 */
public final class SerdeBench {
    private static final long WARMUP_MS = 500;
    private static final long MEASURE_MS = 1_500;
    private static final int ROUNDS = 5;

    public static void main(String[] args) {
        Random random = new Random(7);
        float[] mfcc = new float[130 * 13];
        float[] logMel = new float[130 * 128];
        List<Float> mfccList = new ArrayList<>();
        List<Float> melList = new ArrayList<>();
        for (float ignored : mfcc) {
            mfccList.add(random.nextFloat() * 200 - 100);
        }
        for (float ignored : logMel) {
            melList.add(random.nextFloat() * -80);
        }
        WindowFeatures window = WindowFeatures.newBuilder().setSongId("song-1").setWindowIndex(3).setWindowCount(10)
                .setWindowStartSeconds(9.0).setSampleRate(22050).setMfccShape(List.of(130, 13, 1)).setMfcc(mfccList)
                .setLogMelShape(List.of(130, 128)).setLogMel(melList).setExtractorVersion("librosa-compat-1")
                .setExtractedAt(Instant.now()).build();
        SongStatus status = SongStatus.newBuilder().setSongId("song-1").setStage(SongStage.FEATURES).setDetail("10 windows")
                .setService("feature-extraction").setUpdatedAt(Instant.now()).build();

        System.out.println("Serde round trip (serialize + deserialize), single thread, mock:// registry, median of " + ROUNDS + " alternating rounds, JDK "
                + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        compare("WindowFeatures (130x13 MFCC + 130x128 log-mel)", window, WindowFeatures.class);
        compare("SongStatus (small)", status, SongStatus.class);
    }

    private static <T extends SpecificRecord> void compare(String name, T record, Class<T> type) {
        String scope = "bench-" + type.getSimpleName();
        Map<String, Object> config = Map.of("schema.registry.url", "mock://" + scope);
        SpecificAvroSerializer<T> serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(InMemorySchemaRegistry.forScope(scope), type);

        SpecificData model = SpecificData.getForClass(type);
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(record.getSchema(), model);
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(record.getSchema(), record.getSchema(), model);

        int[] size = new int[1];
        Supplier<Object> plain = () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            try {
                writer.write(record, encoder);
                encoder.flush();
                byte[] bytes = out.toByteArray();
                size[0] = bytes.length;
                return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Supplier<Object> timbre = () -> deserializer.deserialize("bench", serializer.serialize("bench", record));
        // Alternate rounds so that load from other processes on a shared machine hits both sides alike.
        double[] baselineRounds = new double[ROUNDS];
        double[] oursRounds = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            baselineRounds[round] = opsPerSecond(plain);
            oursRounds[round] = opsPerSecond(timbre);
        }
        double baseline = median(baselineRounds);
        double ours = median(oursRounds);
        System.out.printf("%-48s %8d B  plain Avro %,10.0f ops/s (%7.1f MB/s) | timbre serde %,10.0f ops/s (%7.1f MB/s) | ratio %.2f%n",
                name, size[0] + 5, baseline, baseline * size[0] / 1e6, ours, ours * (size[0] + 5) / 1e6, ours / baseline);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double opsPerSecond(Supplier<Object> op) {
        Object sink = null;
        long end = System.nanoTime() + WARMUP_MS * 1_000_000;
        while (System.nanoTime() < end) {
            sink = op.get();
        }
        long ops = 0;
        long start = System.nanoTime();
        end = start + MEASURE_MS * 1_000_000;
        while (System.nanoTime() < end) {
            sink = op.get();
            ops++;
        }
        if (sink == null) {
            throw new IllegalStateException("round trip returned null");
        }
        return ops / ((System.nanoTime() - start) / 1e9);
    }

    private SerdeBench() {
    }
}
