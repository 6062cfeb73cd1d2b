package dev.timbre.features.bench;

import dev.timbre.blob.BlobKeys;
import dev.timbre.blob.LocalFileBlobStore;
import dev.timbre.blob.StoredBlob;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongSource;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The feature-extraction service end to end through the real broker and registry (the ITs' {@link TestPlatform}:
 * KRaft broker and Apicurio as child processes): N 30 s 44.1 kHz stereo MP3 songs are written to a local blob store,
 * their {@code SongRegistered} records produced as ingest produces them (idempotent, acks=all, Avro through the
 * registry), and the real service (Micronaut context, {@code SongConsumer}, {@code SongProcessor}, its producer)
 * turns them into windows on {@code audio.features} and FEATURES on {@code song.status}. Time runs from the first
 * record sent to the last song's FEATURES status read back (the service sends it only after every window of the
 * song was acknowledged).
 *
 * <p>Each round is one configuration ({@code concurrency}, optionally {@code compression.type}); the rounds of
 * {@code bench.plan} run in one JVM against one broker after an unmeasured warm-up round, so their figures are
 * comparable. Not a test: {@code -Pbench} runs it (see the module README, "Figures"). System properties:
 * {@code bench.songs} (per round, default 120), {@code bench.plan} (default {@code 2,1,2,1}: concurrency per round, optionally
 * with {@code kafka.*} client settings, e.g. {@code 2:compression.type=zstd:linger.ms=20}), {@code bench.warmup} (songs, default 40), {@code bench.mp3.dir}
 * (default {@code /work/shared/data/gtzan/extra/fma}), {@code bench.out} (JSON figures).
 */
public final class BrokerThroughputBench {
    private static final int SONGS = Integer.getInteger("bench.songs", 120);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 40);
    private static final String PLAN = System.getProperty("bench.plan", "2,1,2,1");
    private static final Path MP3_DIR = Paths.get(System.getProperty("bench.mp3.dir", "/work/shared/data/gtzan/extra/fma"));
    private static final Path FIXTURE = Paths.get(System.getProperty("bench.mp3.fixture",
            "../audio/src/test/resources/fixtures/tone_440hz_44100_stereo_3s.mp3"));
    private static final Path OUT = Paths.get(System.getProperty("bench.out", "target/bench/extraction.json"));
    private static final int WINDOWS_PER_SONG = 10;
    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);

    /** One configuration's figures. */
    record Result(String label, int concurrency, String settings, int songs, double seconds, long windows,
                  double heapPeakMb, double jvmCpuMsPerSong, double platformCpuMsPerSong) {
        double songsPerSecond() {
            return songs / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        String loadStart = loadAverage();
        System.out.printf("load at start            : %s%n", loadStart);
        List<byte[]> sources = sources();
        if (sources.isEmpty()) {
            System.out.println("SKIPPED: no MP3 input (neither " + MP3_DIR + "/**/*.mp3 nor the fixture " + FIXTURE + ")");
            return;
        }
        TestPlatform platform = TestPlatform.get();
        Path root = Files.createTempDirectory("broker-bench-blobs");
        LocalFileBlobStore blobs = new LocalFileBlobStore(root);
        List<Result> results = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()));
             KafkaProducer<String, SpecificRecord> ingest = ingestProducer(platform)) {
            Result warm = round(platform, admin, ingest, blobs, sources, "warm-up", 2, Map.of(), WARMUP);
            System.out.printf("warm-up                  : %s%n", describe(warm));
            for (String step : PLAN.split(",")) {
                // "2" or "2:compression.type=zstd:linger.ms=20": concurrency, then kafka.* client settings
                String[] parts = step.trim().split(":");
                int concurrency = Integer.parseInt(parts[0]);
                Map<String, String> kafka = new LinkedHashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    String[] kv = parts[i].split("=", 2);
                    kafka.put(kv[0], kv[1]);
                }
                Result r = round(platform, admin, ingest, blobs, sources, step.trim(), concurrency, kafka, SONGS);
                results.add(r);
                System.out.printf("round %-18s : %s%n", step.trim(), describe(r));
            }
        } finally {
            deleteQuietly(root);
        }
        String loadEnd = loadAverage();

        Map<String, Result> best = new LinkedHashMap<>();
        for (Result r : results) {
            best.merge(r.label(), r, (a, b) -> a.songsPerSecond() >= b.songsPerSecond() ? a : b);
        }
        System.out.println();
        System.out.printf("cores available          : %d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("input                    : %d songs per round, %s%n", SONGS, inputDescription);
        for (Result r : best.values()) {
            System.out.printf("best %-19s : %.2f songs/s = %.1f ms per song, %.0f windows/s, heap peak %.0f MB, "
                            + "CPU per song: service JVM %.1f ms + broker/registry %.1f ms%n",
                    r.label(), r.songsPerSecond(), 1000 / r.songsPerSecond(), r.windows() / r.seconds(), r.heapPeakMb(),
                    r.jvmCpuMsPerSong(), r.platformCpuMsPerSong());
        }
        System.out.printf("load at end              : %s%n", loadEnd);

        Result two = best.get("2");
        Result one = best.get("1");
        if (two != null && one != null) {
            System.out.printf("2 workers vs 1           : x%.2f%n", two.songsPerSecond() / one.songsPerSecond());
        }
        writeJson(best, two, one, loadStart, loadEnd);
    }

    private static String inputDescription = "";

    private static String describe(Result r) {
        return String.format(Locale.ROOT, "%d songs in %.2f s = %.2f songs/s (%.1f ms per song), %d windows (%.0f/s), "
                        + "heap peak %.0f MB, CPU/song JVM %.1f ms + platform %.1f ms",
                r.songs(), r.seconds(), r.songsPerSecond(), 1000 / r.songsPerSecond(), r.windows(), r.windows() / r.seconds(),
                r.heapPeakMb(), r.jvmCpuMsPerSong(), r.platformCpuMsPerSong());
    }

    /** Real 30 s FMA MP3s when present, else the 3 s fixture repeated to 30 s (its MPEG frames concatenated). */
    private static List<byte[]> sources() throws IOException {
        List<byte[]> found = new ArrayList<>();
        if (Files.isDirectory(MP3_DIR)) {
            try (Stream<Path> files = Files.walk(MP3_DIR)) {
                for (Path p : files.filter(f -> f.toString().toLowerCase(Locale.ROOT).endsWith(".mp3")).sorted().toList()) {
                    found.add(Files.readAllBytes(p));
                }
            }
        }
        if (!found.isEmpty()) {
            inputDescription = found.size() + " real 30 s 44.1 kHz stereo MP3s from " + MP3_DIR + ", cycled under distinct song ids";
            return found;
        }
        if (Files.isRegularFile(FIXTURE)) {
            byte[] three = Files.readAllBytes(FIXTURE);
            ByteArrayOutputStream thirty = new ByteArrayOutputStream();
            for (int i = 0; i < 10; i++) {
                thirty.write(three);
            }
            inputDescription = "the 3 s 440 Hz fixture " + FIXTURE + " concatenated to 30 s (no real music found in " + MP3_DIR + ")";
            return List.of(thirty.toByteArray());
        }
        return found;
    }

    private static Result round(TestPlatform platform, Admin admin, KafkaProducer<String, SpecificRecord> ingest,
                                LocalFileBlobStore blobs, List<byte[]> sources, String label, int concurrency,
                                Map<String, String> kafka, int songs) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String group = "bench-features-" + run;
        // the songs of this round, stored as ingest stores them (outside the timed part)
        List<SongRegistered> records = new ArrayList<>();
        for (int i = 0; i < songs; i++) {
            String songId = "bench-" + run + "-" + i;
            byte[] audio = sources.get(i % sources.size());
            StoredBlob blob = blobs.put(BlobKeys.song(songId), new java.io.ByteArrayInputStream(audio), Long.MAX_VALUE, "audio/mpeg");
            records.add(SongRegistered.newBuilder()
                    .setSongId(songId).setTitle("bench " + i).setArtist("bench")
                    .setAudioUri(blob.uri().toString()).setContentType("audio/mpeg")
                    .setSizeBytes(blob.sizeBytes()).setReceivedAt(Instant.now()).setSource(SongSource.UPLOAD)
                    .setDurationMillis(30_000L).build());
        }
        // a new group that starts at the end of songs.registered: earlier rounds' songs are not this round's work
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        endOffsets(platform, Topics.SONGS_REGISTERED).forEach((tp, o) -> start.put(tp, new OffsetAndMetadata(o)));
        admin.alterConsumerGroupOffsets(group, start).all().get();
        long featuresBefore = sum(endOffsets(platform, Topics.AUDIO_FEATURES));

        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("kafka.bootstrap.servers", platform.bootstrapServers());
        props.put("schema.registry.url", platform.registryUrl());
        props.put("timbre.features.group-id", group);
        props.put("timbre.features.concurrency", concurrency);
        kafka.forEach((k, v) -> props.put("kafka." + k, v));
        try (ApplicationContext app = ApplicationContext.run(props);
             KafkaConsumer<String, SpecificRecord> statuses = statusReader(platform)) {
            app.getBean(EmbeddedServer.class).start();
            awaitStable(admin, group);
            List<TopicPartition> statusPartitions = partitions(statuses, Topics.SONG_STATUS);
            statuses.assign(statusPartitions);
            statuses.seekToEnd(statusPartitions);
            statusPartitions.forEach(statuses::position); // fix the start before the first song is sent

            System.gc();
            double idleMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            ThreadUse threadsStart = ThreadUse.now();
            long gcStart = gcMillis();
            long jvmCpuStart = processCpuNanos();
            long platformCpuStart = descendantsCpuNanos();

            long t0 = System.nanoTime();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (SongRegistered r : records) {
                acks.add(ingest.send(new ProducerRecord<>(Topics.SONGS_REGISTERED, r.getSongId().toString(), r)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
            Set<String> pending = new HashSet<>();
            records.forEach(r -> pending.add(r.getSongId().toString()));
            List<String> failed = new ArrayList<>();
            long deadline = t0 + ROUND_TIMEOUT.toNanos();
            long tEnd = 0;
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SpecificRecord> rec : statuses.poll(Duration.ofMillis(20))) {
                    if (rec.value() instanceof SongStatus s && pending.contains(s.getSongId().toString())) {
                        if (s.getStage() == SongStage.FEATURES) {
                            pending.remove(s.getSongId().toString());
                            tEnd = System.nanoTime();
                        } else if (s.getStage() == SongStage.FAILED) {
                            pending.remove(s.getSongId().toString());
                            failed.add(s.getSongId() + ": " + s.getDetail());
                        }
                    }
                }
            }
            long jvmCpu = processCpuNanos() - jvmCpuStart;
            long gcMs = gcMillis() - gcStart;
            ThreadUse threads = ThreadUse.now().minus(threadsStart);
            long platformCpu = descendantsCpuNanos() - platformCpuStart;
            double heapPeakMb = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1e6;
            if (!pending.isEmpty() || !failed.isEmpty()) {
                throw new IllegalStateException("round " + label + ": " + pending.size() + " songs unfinished after "
                        + ROUND_TIMEOUT + ", failed: " + failed);
            }
            long windows = sum(endOffsets(platform, Topics.AUDIO_FEATURES)) - featuresBefore;
            if (windows < (long) songs * WINDOWS_PER_SONG) {
                throw new IllegalStateException("round " + label + ": " + windows + " windows on " + Topics.AUDIO_FEATURES
                        + ", expected " + songs * WINDOWS_PER_SONG);
            }
            // where this JVM's CPU went, per song: Java threads by role (ThreadMXBean), the rest is GC/JIT/VM threads
            long javaThreads = threads.cpu().values().stream().mapToLong(Long::longValue).sum();
            StringBuilder split = new StringBuilder();
            threads.cpu().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> split.append(String.format(Locale.ROOT, "%s %.1f, ", e.getKey(), e.getValue() / 1e6 / songs)));
            split.append(String.format(Locale.ROOT, "GC/JIT/VM threads %.1f ms; GC pauses %.1f ms; workers allocated %.1f MB",
                    (jvmCpu - javaThreads) / 1e6 / songs, (double) gcMs / songs,
                    threads.allocated().getOrDefault("extract-*", 0L) / 1e6 / songs));
            System.out.printf("  per song, round %-8s: %s%n", label, split);
            System.out.printf(Locale.ROOT, "  heap used after GC, service started and idle: %.1f MB%n", idleMb);
            @SuppressWarnings("unchecked")
            org.apache.kafka.clients.producer.Producer<String, SpecificRecord> features = app.getBean(
                    org.apache.kafka.clients.producer.Producer.class, io.micronaut.inject.qualifiers.Qualifiers.byName("features"));
            Map<String, Double> m = new HashMap<>();
            features.metrics().forEach((name, metric) -> {
                if (name.group().equals("producer-metrics") && metric.metricValue() instanceof Double d) {
                    m.put(name.name(), d);
                }
            });
            System.out.printf(Locale.ROOT, "  features producer       : compressed/raw %.3f, batch %.0f KB avg, %.1f records/request, "
                            + "request latency %.1f ms avg, record queue time %.1f ms avg%n",
                    m.getOrDefault("compression-rate-avg", Double.NaN), m.getOrDefault("batch-size-avg", Double.NaN) / 1024,
                    m.getOrDefault("records-per-request-avg", Double.NaN), m.getOrDefault("request-latency-avg", Double.NaN),
                    m.getOrDefault("record-queue-time-avg", Double.NaN));
            return new Result(label, concurrency, kafka.isEmpty() ? "service defaults" : kafka.toString(), songs,
                    (tEnd - t0) / 1e9, windows, heapPeakMb, jvmCpu / 1e6 / songs, platformCpu / 1e6 / songs);
        } finally {
            for (SongRegistered r : records) {
                blobs.delete(BlobKeys.song(r.getSongId().toString()));
            }
        }
    }

    /** CPU and allocation of this JVM's live threads, summed by role (thread name without its number). */
    record ThreadUse(Map<String, Long> cpu, Map<String, Long> allocated, Map<Long, long[]> byId, Map<Long, String> names) {
        static ThreadUse now() {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Map<Long, long[]> byId = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info != null) {
                    long id = info.getThreadId();
                    byId.put(id, new long[]{mx.getThreadCpuTime(id), mx.getThreadAllocatedBytes(id)});
                    names.put(id, info.getThreadName());
                }
            }
            return new ThreadUse(roles(byId, names, 0), roles(byId, names, 1), byId, names);
        }

        private static Map<String, Long> roles(Map<Long, long[]> byId, Map<Long, String> names, int which) {
            Map<String, Long> out = new HashMap<>();
            byId.forEach((id, v) -> out.merge(role(names.get(id)), Math.max(0, v[which]), Long::sum));
            return out;
        }

        private static String role(String name) {
            if (name.startsWith("extract-")) {
                return "extract-*";
            }
            if (name.startsWith("kafka-producer-network-thread | timbre-feature-extraction")) {
                return "features producer I/O";
            }
            if (name.equals("songs-consumer")) {
                return "poll loop";
            }
            if (name.equals("main")) {
                return "bench main";
            }
            return "other Java";
        }

        /** Use since {@code start}; threads started since count from zero. */
        ThreadUse minus(ThreadUse start) {
            Map<Long, long[]> delta = new HashMap<>();
            byId.forEach((id, v) -> {
                long[] s = start.byId().getOrDefault(id, new long[2]);
                delta.put(id, new long[]{v[0] - s[0], v[1] - s[1]});
            });
            return new ThreadUse(roles(delta, names, 0), roles(delta, names, 1), delta, names);
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime())).sum();
    }

    private static void awaitStable(Admin admin, String group) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            if (d.state() == ConsumerGroupState.STABLE && d.members().stream().anyMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service's consumer group " + group + " did not become stable in 60 s");
    }

    private static KafkaProducer<String, SpecificRecord> ingestProducer(TestPlatform platform) {
        // ingest's producer: the platform conventions (idempotent, acks=all, lz4, Avro values through the registry)
        Map<String, Object> props = KafkaConventions.producer("ingest", platform.bootstrapServers(), platform.registryUrl());
        props.put("client.id", "bench-ingest");
        props.remove("key.serializer");
        props.remove("value.serializer");
        dev.timbre.platform.serde.SpecificAvroSerializer<SpecificRecord> values = new dev.timbre.platform.serde.SpecificAvroSerializer<>();
        values.configure(props, false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    private static KafkaConsumer<String, SpecificRecord> statusReader(TestPlatform platform) {
        SpecificAvroDeserializer<SpecificRecord> values = new SpecificAvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", platform.registryUrl(), "specific.avro.reader", true), false);
        return new KafkaConsumer<>(Map.of("bootstrap.servers", platform.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-status-reader"), new StringDeserializer(), values);
    }

    private static Map<TopicPartition, Long> endOffsets(TestPlatform platform, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", platform.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return c.endOffsets(partitions(c, topic));
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionInfo p : c.partitionsFor(topic)) {
            tps.add(new TopicPartition(topic, p.partition()));
        }
        return tps;
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU of this JVM's child processes (broker, registry), from /proc: they share the 2 cores with the service. */
    private static long descendantsCpuNanos() {
        long ticks = ProcessHandle.current().descendants().mapToLong(p -> {
            try {
                String stat = Files.readString(Paths.get("/proc/" + p.pid() + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }).sum();
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    private static String loadAverage() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void writeJson(Map<String, Result> best, Result two, Result one, String loadStart, String loadEnd)
            throws IOException {
        StringBuilder json = new StringBuilder("{\n");
        json.append(String.format(Locale.ROOT, "  \"songs_per_s\": %.2f,%n", two == null ? 0 : two.songsPerSecond()));
        json.append(String.format(Locale.ROOT, "  \"baseline_songs_per_s_1_worker\": %.2f,%n", one == null ? 0 : one.songsPerSecond()));
        json.append(String.format(Locale.ROOT, "  \"songs\": %d,%n", SONGS));
        json.append("  \"load_start\": \"").append(loadStart).append("\",\n");
        json.append("  \"load_end\": \"").append(loadEnd).append("\",\n");
        json.append("  \"input\": \"").append(inputDescription.replace("\"", "'")).append("\",\n");
        json.append("  \"rounds\": {");
        String sep = "\n";
        for (Result r : best.values()) {
            json.append(sep).append(String.format(Locale.ROOT,
                    "    \"%s\": {\"songs_per_s\": %.2f, \"ms_per_song\": %.1f, \"windows_per_s\": %.0f, \"heap_peak_mb\": %.0f, "
                            + "\"jvm_cpu_ms_per_song\": %.1f, \"platform_cpu_ms_per_song\": %.1f, \"settings\": \"%s\"}",
                    r.label(), r.songsPerSecond(), 1000 / r.songsPerSecond(), r.windows() / r.seconds(), r.heapPeakMb(),
                    r.jvmCpuMsPerSong(), r.platformCpuMsPerSong(), r.settings()));
            sep = ",\n";
        }
        json.append("\n  }\n}\n");
        Files.createDirectories(OUT.toAbsolutePath().getParent());
        Files.writeString(OUT, json);
        System.out.println("wrote " + OUT.toAbsolutePath());
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    private BrokerThroughputBench() {
    }
}
