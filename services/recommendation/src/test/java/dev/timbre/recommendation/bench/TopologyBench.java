package dev.timbre.recommendation.bench;

import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerde;
import dev.timbre.recommendation.candidates.AdaptiveCandidateIndex;
import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.recommendation.it.AppInstance;
import dev.timbre.recommendation.it.ItTopics;
import dev.timbre.recommendation.it.SyntheticCatalog;
import dev.timbre.recommendation.topology.RecommendationTopology;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

/**
 * Throughput: events/second through the full topology in a TopologyTestDriver (one instance, one
 * thread, RocksDB stores, no broker), per catalog size. Latency: like → updated list on the
 * {@code recommendations} topic, with the app embedded in this JVM against the real local broker and
 * registry (exactly-once, commit interval 100 ms), measured by a read_committed consumer.
 */
public final class TopologyBench {

    public static void main(String[] args) throws Exception {
        int[] sizes = {10_000, 100_000};
        System.out.println("\nTopology throughput (TopologyTestDriver, 1 thread, RocksDB, EOS semantics)");
        System.out.println("| songs | candidate search | users | events | events/s |");
        System.out.println("|---|---|---|---|---|");
        for (int n : sizes) {
            throughput(n);
        }
        System.out.println("\nLike -> updated list latency (embedded app, real local broker + registry, exactly_once_v2)");
        System.out.println("| songs | likes | p50 | p99 | max |");
        System.out.println("|---|---|---|---|---|");
        for (int n : sizes) {
            latency(n);
        }
        System.exit(0); // the shared test platform's hooks stop the broker and registry
    }

    private static void throughput(int songs) throws Exception {
        RecommendationConfig config = new RecommendationConfig();
        config.setApplicationId("bench");
        Catalog catalog = new Catalog(64, AdaptiveCandidateIndex.withHnsw(64, config.getAnnThreshold()));
        Map<String, Object> serde = Map.of("schema.registry.url", "mock://bench-" + songs, "auto.register.schemas", true);
        Path dir = Files.createTempDirectory("rec-bench");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        props.putAll(serde);
        try (TopologyTestDriver driver = new TopologyTestDriver(RecommendationTopology.build(config, catalog, serde), props)) {
            TestInputTopic<String, SongProfile> profiles = driver.createInputTopic(config.getSongProfilesTopic(),
                    Serdes.String().serializer(), SpecificAvroSerde.of(SongProfile.class, serde, false).serializer());
            TestInputTopic<String, byte[]> events = driver.createInputTopic(config.getUserEventsTopic(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            Instant t0 = Instant.parse("2026-04-01T00:00:00Z");
            for (SongProfile p : SyntheticCatalog.songs(songs, 3, t0)) {
                profiles.pipeInput(p.getSongId(), p, t0.toEpochMilli());
            }
            var ser = SpecificAvroSerde.of(UserEvent.class, serde, false).serializer();
            int users = 2_000;
            int total = 20_000;
            List<byte[]> payloads = new ArrayList<>(total);
            List<String> keys = new ArrayList<>(total);
            Random r = new Random(9);
            for (int i = 0; i < total; i++) {
                String user = "user-" + r.nextInt(users);
                double p = r.nextDouble();
                UserEventType type = p < 0.3 ? UserEventType.LIKED : p < 0.8 ? UserEventType.LISTENED : UserEventType.SKIPPED;
                UserEvent e = UserEvent.newBuilder().setEventId("e" + i).setUserId(user)
                        .setSongId("song-" + r.nextInt(songs)).setType(type)
                        .setListenedFraction(type == UserEventType.LIKED ? null : r.nextFloat())
                        .setTimestamp(t0.plusSeconds(i)).build();
                keys.add(user);
                payloads.add(ser.serialize(config.getUserEventsTopic(), e));
            }
            int warmup = 2_000;
            for (int i = 0; i < warmup; i++) {
                events.pipeInput(keys.get(i), payloads.get(i), t0.plusSeconds(i).toEpochMilli());
            }
            long start = System.nanoTime();
            for (int i = warmup; i < total; i++) {
                events.pipeInput(keys.get(i), payloads.get(i), t0.plusSeconds(i).toEpochMilli());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String search = songs >= config.getAnnThreshold() ? "HNSW" : "brute force";
            System.out.printf(Locale.ROOT, "| %,d | %s | %,d | %,d | %,.0f |%n", songs, search, users, total - warmup,
                    (total - warmup) / seconds);
        }
    }

    private static void latency(int songs) throws Exception {
        TestPlatform platform = TestPlatform.get();
        Instant t0 = Instant.now().minusSeconds(3600);
        try (ItTopics topics = new ItTopics(platform)) {
            for (SongProfile p : SyntheticCatalog.songs(songs, 3, t0)) {
                topics.sendAsync(p);
            }
            topics.flush();
            Path dir = Files.createTempDirectory("rec-bench-app");
            try (AppInstance app = AppInstance.start(topics, "bench-" + UUID.randomUUID().toString().substring(0, 8), dir)) {
                app.awaitRunning(Duration.ofMinutes(3));
                AppInstance.await(() -> app.catalog().size() == songs, Duration.ofMinutes(5), "catalog load");
                Map<String, Object> c = new HashMap<>(platform.clientProperties());
                c.put("group.id", "bench-" + UUID.randomUUID());
                c.put("isolation.level", "read_committed");
                c.put("auto.offset.reset", "latest");
                SpecificAvroDeserializer<RecommendationList> lists = new SpecificAvroDeserializer<>();
                lists.configure(c, false);
                try (KafkaConsumer<String, RecommendationList> consumer = new KafkaConsumer<>(c, new StringDeserializer(), lists)) {
                    consumer.subscribe(List.of(topics.recommendations));
                    while (consumer.assignment().isEmpty()) {
                        consumer.poll(Duration.ofMillis(100));
                    }
                    consumer.seekToEnd(consumer.assignment());
                    consumer.poll(Duration.ofMillis(100));
                    int likes = 200;
                    double[] ms = new double[likes];
                    Random r = new Random(1);
                    for (int i = 0; i < likes; i++) {
                        String eventId = "like-" + i;
                        UserEvent like = UserEvent.newBuilder().setEventId(eventId).setUserId("user-" + (i % 50))
                                .setSongId("song-" + r.nextInt(songs)).setType(UserEventType.LIKED)
                                .setTimestamp(Instant.now()).build();
                        long sent = System.nanoTime();
                        topics.send(like);
                        boolean seen = false;
                        while (!seen) {
                            for (ConsumerRecord<String, RecommendationList> rec : consumer.poll(Duration.ofMillis(5))) {
                                if (eventId.equals(rec.value().getTriggeredBy())) {
                                    seen = true;
                                }
                            }
                            if (System.nanoTime() - sent > 30_000_000_000L) {
                                throw new IllegalStateException("no list for " + eventId + " within 30 s");
                            }
                        }
                        ms[i] = (System.nanoTime() - sent) / 1e6;
                    }
                    Arrays.sort(ms);
                    System.out.printf(Locale.ROOT, "| %,d | %d | %.0f ms | %.0f ms | %.0f ms |%n", songs, likes,
                            ms[likes / 2], ms[(int) Math.ceil(likes * 0.99) - 1], ms[likes - 1]);
                }
            }
        }
    }
}
