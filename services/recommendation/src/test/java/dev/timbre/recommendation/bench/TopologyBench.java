package dev.timbre.recommendation.bench;

import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.recommendation.it.AppInstance;
import dev.timbre.recommendation.it.ItTopics;
import dev.timbre.recommendation.it.SyntheticCatalog;
import dev.timbre.recommendation.topology.StoreNames;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One embedded app instance (1 stream thread, exactly_once_v2) against the real local broker + registry,
 * run twice per catalog size in the same JVM: with the baseline settings (those before issue #16: commit
 * interval 100 ms, JSON taste state, no neighbour cache) and with the tuned defaults. Figures:
 * <ul>
 *   <li>throughput: {@code bench.events} events (default 20 000) from 1 000 users (30 % likes, 50 % listens,
 *       20 % skips) sent at once; time until every user's list reflects their last event;</li>
 *   <li>like → list: 200 likes sent one by one while a background producer sends 200 events/s for other
 *       users; time from send until a read_committed consumer of {@code recommendations} reads the list
 *       triggered by that like.</li>
 * </ul>
 * Prints every figure next to its baseline and writes {@code target/bench/topology.json} (the largest size).
 */
public final class TopologyBench {

    static final int EVENTS = Integer.getInteger("bench.events", 20_000);
    static final int USERS = 1_000;
    static final int LIKES = 200;
    static final int BACKGROUND_PER_S = 200;

    /** Settings before issue #16 (the code-only improvements, e.g. incremental MMR, are in both runs). */
    static final Map<String, Object> BASELINE = Map.of(
            "recommendation.commit-interval-ms", 100,
            "recommendation.taste-format", "json",
            "recommendation.neighbour-cache", 0,
            "recommendation.new-song-fan-out", false);

    static Map<String, Object> tuned() {
        Map<String, Object> m = new HashMap<>();
        m.put("recommendation.commit-interval-ms", Long.getLong("bench.commit-interval-ms", 20));
        m.put("recommendation.stream-threads", Integer.getInteger("bench.stream-threads", 2));
        return m;
    }

    record Result(int songs, String name, double eventsPerS, double p50, double p99, double max) {
    }

    public static void main(String[] args) throws Exception {
        String sizes = args.length > 0 ? args[0] : "10000,100000";
        List<Result[]> rows = new ArrayList<>();
        for (String n : sizes.split(",")) {
            int songs = Integer.parseInt(n.trim());
            Result base = run(songs, "baseline", BASELINE);
            Result tuned = run(songs, "tuned", tuned());
            rows.add(new Result[] {base, tuned});
            print(rows);
        }
        Result[] last = rows.get(rows.size() - 1);
        write(last[0], last[1]);
        System.exit(0); // the shared test platform's hooks stop the broker and registry
    }

    private static void print(List<Result[]> rows) {
        System.out.println("\nEmbedded app (1 stream thread, exactly_once_v2) on the local broker + registry; "
                + EVENTS + " events, " + USERS + " users; like->list under " + BACKGROUND_PER_S + " events/s background");
        System.out.println("| songs | figure | baseline | tuned | tuned / baseline |");
        System.out.println("|---|---|---|---|---|");
        for (Result[] r : rows) {
            Result b = r[0];
            Result t = r[1];
            System.out.printf(Locale.ROOT, "| %,d | events/s | %,.0f | %,.0f | %.2fx |%n", b.songs, b.eventsPerS, t.eventsPerS, t.eventsPerS / b.eventsPerS);
            System.out.printf(Locale.ROOT, "| %,d | like->list p50 | %.0f ms | %.0f ms | %.2fx |%n", b.songs, b.p50, t.p50, t.p50 / b.p50);
            System.out.printf(Locale.ROOT, "| %,d | like->list p99 | %.0f ms | %.0f ms | %.2fx |%n", b.songs, b.p99, t.p99, t.p99 / b.p99);
            System.out.printf(Locale.ROOT, "| %,d | like->list max | %.0f ms | %.0f ms | %.2fx |%n", b.songs, b.max, t.max, t.max / b.max);
        }
    }

    private static void write(Result b, Result t) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("songs", t.songs);
        json.put("events", EVENTS);
        json.put("users", USERS);
        json.put("events_per_s", round(t.eventsPerS));
        json.put("like_to_list_p50_ms", round(t.p50));
        json.put("like_to_list_p99_ms", round(t.p99));
        json.put("like_to_list_max_ms", round(t.max));
        json.put("background_events_per_s", BACKGROUND_PER_S);
        json.put("baseline_events_per_s", round(b.eventsPerS));
        json.put("baseline_like_to_list_p50_ms", round(b.p50));
        json.put("baseline_like_to_list_p99_ms", round(b.p99));
        StringBuilder s = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : json.entrySet()) {
            s.append("  \"").append(e.getKey()).append("\": ").append(e.getValue()).append(++i < json.size() ? ",\n" : "\n");
        }
        s.append("}\n");
        Path out = Path.of("target", "bench", "topology.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, s);
        System.out.println("wrote " + out.toAbsolutePath() + "\n" + s);
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }

    private static Result run(int songs, String name, Map<String, Object> settings) throws Exception {
        TestPlatform platform = TestPlatform.get();
        Instant t0 = Instant.now().minusSeconds(3600);
        try (ItTopics topics = new ItTopics(platform)) {
            for (SongProfile p : SyntheticCatalog.songs(songs, 3, t0)) {
                topics.sendAsync(p);
            }
            topics.flush();
            Path dir = Files.createTempDirectory("rec-bench-app");
            try (AppInstance app = AppInstance.start(topics, "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 8), dir, settings)) {
                app.awaitRunning(Duration.ofMinutes(3));
                AppInstance.await(() -> app.catalog().size() == songs, Duration.ofMinutes(10), "catalog load");
                double eventsPerSecond = throughput(topics, app, songs);
                double[] ms = latency(platform, topics, app, songs);
                Result r = new Result(songs, name, eventsPerSecond, ms[LIKES / 2], ms[(int) Math.ceil(LIKES * 0.99) - 1], ms[LIKES - 1]);
                System.out.printf(Locale.ROOT, "%n%s %,d songs %s: %,.0f events/s, like->list p50 %.0f / p99 %.0f / max %.0f ms%n%n",
                        name, songs, settings, r.eventsPerS, r.p50, r.p99, r.max);
                return r;
            }
        }
    }

    private static ReadOnlyKeyValueStore<String, RecommendationList> lists(AppInstance app) {
        return app.streams().store(StoreQueryParameters.fromNameAndType(StoreNames.LISTS,
                QueryableStoreTypes.<String, RecommendationList>keyValueStore()));
    }

    /** Sends EVENTS events, then waits until every user's last one produced that user's list. */
    private static double throughput(ItTopics topics, AppInstance app, int songs) {
        Random r = new Random(9);
        Instant t0 = Instant.now().minusSeconds(EVENTS);
        Map<String, String> last = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            String user = "tp-user-" + r.nextInt(USERS);
            UserEvent e = randomEvent(r, "tp-" + i, user, songs, t0.plusSeconds(i));
            topics.sendAsync(e);
            last.put(user, e.getEventId());
        }
        topics.flush();
        var lists = lists(app);
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

    static UserEvent randomEvent(Random r, String eventId, String user, int songs, Instant at) {
        double p = r.nextDouble();
        UserEventType type = p < 0.3 ? UserEventType.LIKED : p < 0.8 ? UserEventType.LISTENED : UserEventType.SKIPPED;
        return UserEvent.newBuilder().setEventId(eventId).setUserId(user)
                .setSongId("song-" + r.nextInt(songs)).setType(type)
                .setListenedFraction(type == UserEventType.LIKED ? null : r.nextFloat())
                .setTimestamp(at).build();
    }

    /** Like → list of LIKES likes sent one by one, under BACKGROUND_PER_S events/s for other users. */
    private static double[] latency(TestPlatform platform, ItTopics topics, AppInstance app, int songs) throws Exception {
        Map<String, Object> c = new HashMap<>(platform.clientProperties());
        c.put("group.id", "bench-" + UUID.randomUUID());
        c.put("isolation.level", "read_committed");
        c.put("auto.offset.reset", "latest");
        c.put("fetch.max.wait.ms", 5);
        SpecificAvroDeserializer<RecommendationList> values = new SpecificAvroDeserializer<>();
        values.configure(c, false);
        AtomicBoolean stop = new AtomicBoolean();
        Thread background = new Thread(() -> {
            Random r = new Random(5);
            long next = System.nanoTime();
            int i = 0;
            while (!stop.get()) {
                topics.sendAsync(randomEvent(r, "bg-" + i, "bg-user-" + r.nextInt(USERS), songs, Instant.now()));
                i++;
                next += 1_000_000_000L / BACKGROUND_PER_S;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "bench-background-load");
        try (KafkaConsumer<String, RecommendationList> consumer = new KafkaConsumer<>(c, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topics.recommendations));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position); // resolve now, not lazily after the first like
            background.start();
            Thread.sleep(2000); // let the background load settle
            double[] ms = new double[LIKES];
            Random r = new Random(1);
            for (int i = 0; i < LIKES; i++) {
                String eventId = "like-" + i;
                UserEvent like = UserEvent.newBuilder().setEventId(eventId).setUserId("user-" + (i % 50))
                        .setSongId("song-" + r.nextInt(songs)).setType(UserEventType.LIKED)
                        .setTimestamp(Instant.now()).build();
                long sent = System.nanoTime();
                topics.send(like);
                boolean seen = false;
                while (!seen) {
                    for (ConsumerRecord<String, RecommendationList> rec : consumer.poll(Duration.ofMillis(2))) {
                        if (eventId.equals(rec.value().getTriggeredBy())) {
                            seen = true;
                        }
                    }
                    if (System.nanoTime() - sent > 30_000_000_000L) {
                        throw new IllegalStateException("no list for " + eventId + " within 30 s; the app's list: "
                                + lists(app).get(like.getUserId()));
                    }
                }
                ms[i] = (System.nanoTime() - sent) / 1e6;
            }
            Arrays.sort(ms);
            return ms;
        } finally {
            stop.set(true);
            background.join();
            topics.flush();
        }
    }
}
