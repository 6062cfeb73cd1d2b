package dev.timbre.recommendation.bench;

import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.recommendation.it.AppInstance;
import dev.timbre.recommendation.it.ItTopics;
import dev.timbre.recommendation.it.SyntheticCatalog;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

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
import java.util.Random;
import java.util.UUID;

/**
 * Throughput: events/second of one embedded app instance (one stream thread) on the real local broker,
 * from the first event sent until every user has the list of their last event. Latency: like → updated list on the
 * {@code recommendations} topic, with the app embedded in this JVM against the real local broker and
 * registry (exactly-once, commit interval 100 ms), measured by a read_committed consumer.
 */
public final class TopologyBench {

    public static void main(String[] args) throws Exception {
        String sizes = args.length > 0 ? args[0] : "10000,100000";
        List<String> rows = new ArrayList<>();
        for (String n : sizes.split(",")) {
            rows.add(run(Integer.parseInt(n.trim())));
        }
        System.out.println("\nEmbedded app (1 stream thread, exactly_once_v2, commit 100 ms) on the local broker + registry");
        System.out.println("| songs | candidate search | events | events/s | like->list p50 | p99 | max |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::print);
        System.exit(0); // the shared test platform's hooks stop the broker and registry
    }

    private static String run(int songs) throws Exception {
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
                double eventsPerSecond = throughput(topics, app, songs);
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
                    consumer.assignment().forEach(consumer::position); // resolve now, not lazily after the first like
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
                                throw new IllegalStateException("no list for " + eventId + " within 30 s; the app's list: "
                                        + app.streams().store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                                                dev.timbre.recommendation.topology.StoreNames.LISTS,
                                                org.apache.kafka.streams.state.QueryableStoreTypes.<String, RecommendationList>keyValueStore()))
                                        .get(like.getUserId()) + "; assignment " + consumer.assignment()
                                        + " positions " + consumer.assignment().stream().map(consumer::position).toList());
                            }
                        }
                        ms[i] = (System.nanoTime() - sent) / 1e6;
                    }
                    Arrays.sort(ms);
                    String search = songs >= new RecommendationConfig().getAnnThreshold() ? "HNSW" : "brute force";
                    return String.format(Locale.ROOT, "| %,d | %s | %,d | %,.0f | %.0f ms | %.0f ms | %.0f ms |%n", songs, search,
                            EVENTS, eventsPerSecond, ms[likes / 2], ms[(int) Math.ceil(likes * 0.99) - 1], ms[likes - 1]);
                }
            }
        }
    }

    private static final int EVENTS = 20_000;
    private static final int USERS = 1_000;

    /** Sends EVENTS events, then waits until every user's last one produced that user's list. */
    private static double throughput(ItTopics topics, AppInstance app, int songs) throws Exception {
        Random r = new Random(9);
        Instant t0 = Instant.now().minusSeconds(EVENTS);
        Map<String, String> last = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            String user = "tp-user-" + r.nextInt(USERS);
            double p = r.nextDouble();
            UserEventType type = p < 0.3 ? UserEventType.LIKED : p < 0.8 ? UserEventType.LISTENED : UserEventType.SKIPPED;
            UserEvent e = UserEvent.newBuilder().setEventId("tp-" + i).setUserId(user)
                    .setSongId("song-" + r.nextInt(songs)).setType(type)
                    .setListenedFraction(type == UserEventType.LIKED ? null : r.nextFloat())
                    .setTimestamp(t0.plusSeconds(i)).build();
            topics.sendAsync(e);
            last.put(user, e.getEventId());
        }
        topics.flush();
        var lists = app.streams().store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                dev.timbre.recommendation.topology.StoreNames.LISTS,
                org.apache.kafka.streams.state.QueryableStoreTypes.<String, RecommendationList>keyValueStore()));
        AppInstance.await(() -> {
            for (Map.Entry<String, String> e : last.entrySet()) {
                RecommendationList l = lists.get(e.getKey());
                if (l == null || !e.getValue().equals(l.getTriggeredBy())) {
                    return false;
                }
            }
            return true;
        }, Duration.ofMinutes(10), "all events processed");
        return EVENTS / ((System.nanoTime() - start) / 1e9);
    }
}
