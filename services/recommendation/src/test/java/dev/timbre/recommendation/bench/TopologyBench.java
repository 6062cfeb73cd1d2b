package dev.timbre.recommendation.bench;

import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
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
            "timbre.recommendation.commit-interval-ms", 100,
            "timbre.recommendation.taste-format", "json",
            "timbre.recommendation.neighbour-cache", 0,
            "timbre.recommendation.new-song-fan-out", false);

    static Map<String, Object> tuned() {
        Map<String, Object> m = new HashMap<>();
        m.put("timbre.recommendation.commit-interval-ms", Long.getLong("bench.commit-interval-ms", 20));
        m.put("timbre.recommendation.stream-threads", Integer.getInteger("bench.stream-threads", 2));
        return m;
    }

    static final int FANOUT_USERS = Integer.getInteger("bench.fanout-users", 100_000);
    static final int NEW_SONGS = Integer.getInteger("bench.new-songs", 30);

    record Result(int songs, String name, double eventsPerS, double p50, double p99, double max, FanOut fanOut) {
    }

    /** New songs, one per second, against FANOUT_USERS users: lag from profile sent to list read; cost per song. */
    record FanOut(int users, int songs, int updates, double lagP50, double lagP99, double lagMax, double msPerSong,
                  double examinedPerSong, double reRankedPerSong) {
    }

    public static void main(String[] args) throws Exception {
        String sizes = args.length > 0 ? args[0] : "10000,100000";
        List<Result[]> rows = new ArrayList<>();
        String[] all = sizes.split(",");
        for (int i = 0; i < all.length; i++) {
            int songs = Integer.parseInt(all[i].trim());
            boolean last = i == all.length - 1; // the new-song fan-out is measured on the largest catalog only
            Result base = run(songs, "baseline", BASELINE, false);
            Result tuned = run(songs, "tuned", tuned(), last);
            rows.add(new Result[] {base, tuned});
            print(rows);
        }
        Result[] last = rows.get(rows.size() - 1);
        write(last[0], last[1]);
        System.exit(0); // the shared test platform's hooks stop the broker and registry
    }

    private static void print(List<Result[]> rows) {
        System.out.println("\nEmbedded app (exactly_once_v2; baseline 1 stream thread, tuned " + tuned().get("timbre.recommendation.stream-threads") + ") on the local broker + registry; "
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
            if (t.fanOut != null) {
                FanOut f = t.fanOut;
                System.out.printf(Locale.ROOT, "| %,d | new song -> list lag p50 / p99 / max (%,d users, %d songs, %,d updates) | never (next event) | %.0f / %.0f / %.0f ms | |%n",
                        b.songs, f.users, f.songs, f.updates, f.lagP50, f.lagP99, f.lagMax);
                System.out.printf(Locale.ROOT, "| %,d | fan-out cost per song (users examined, re-ranked) | a scan of all users | %.1f ms (%.0f, %.1f) | |%n",
                        b.songs, f.msPerSong, f.examinedPerSong, f.reRankedPerSong);
            }
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
        if (t.fanOut != null) {
            json.put("new_song_lag_p50_ms", round(t.fanOut.lagP50));
            json.put("new_song_lag_p99_ms", round(t.fanOut.lagP99));
            json.put("new_song_users", t.fanOut.users);
            json.put("new_song_updates", t.fanOut.updates);
            json.put("new_song_cost_ms", round(t.fanOut.msPerSong));
            json.put("new_song_users_examined", round(t.fanOut.examinedPerSong));
        }
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

    private static Result run(int songs, String name, Map<String, Object> settings, boolean measureFanOut) throws Exception {
        TestPlatform platform = TestPlatform.get();
        Instant t0 = Instant.now().minusSeconds(3600);
        try (ItTopics topics = new ItTopics(platform)) {
            sendCatalog(topics, songs, t0);
            Path dir = Files.createTempDirectory("rec-bench-app");
            try (AppInstance app = AppInstance.start(topics, "bench-" + name + "-" + UUID.randomUUID().toString().substring(0, 8), dir, settings)) {
                app.awaitRunning(Duration.ofMinutes(3));
                AppInstance.await(() -> app.catalog().size() == songs, Duration.ofMinutes(10), "catalog load");
                double eventsPerSecond = throughput(topics, app, songs);
                double[] ms = latency(platform, topics, app, songs);
                FanOut fanOut = !measureFanOut || FANOUT_USERS <= 0 ? null : fanOut(platform, topics, app, songs);
                Result r = new Result(songs, name, eventsPerSecond, ms[LIKES / 2], ms[(int) Math.ceil(LIKES * 0.99) - 1], ms[LIKES - 1], fanOut);
                System.out.printf(Locale.ROOT, "%n%s %,d songs %s: %,.0f events/s, like->list p50 %.0f / p99 %.0f / max %.0f ms; fan-out %s%n%n",
                        name, songs, settings, r.eventsPerS, r.p50, r.p99, r.max, fanOut);
                return r;
            }
        }
    }

    /** The benches' synthetic catalog of {@code songs} songs (seed 3), profiles dated {@code at}. */
    static void sendCatalog(ItTopics topics, int songs, Instant at) throws Exception {
        topics.sendAll(SyntheticCatalog.songs(songs, 3, at));
    }

    /**
     * Sends {@code events} random events of {@code USERS} users at once (the throughput load of this bench and of
     * {@code ScaleOutBench}); returns each user's last eventId.
     */
    static Map<String, String> sendThroughputLoad(ItTopics topics, int events, int songs) {
        Random r = new Random(9);
        Instant t0 = Instant.now().minusSeconds(events);
        Map<String, String> last = new HashMap<>();
        for (int i = 0; i < events; i++) {
            String user = "tp-user-" + r.nextInt(USERS);
            UserEvent e = randomEvent(r, "tp-" + i, user, songs, t0.plusSeconds(i));
            topics.sendAsync(e);
            last.put(user, e.getEventId());
        }
        topics.flush();
        return last;
    }

    /** Sends EVENTS events, then waits until every user's last one produced that user's list. */
    private static double throughput(ItTopics topics, AppInstance app, int songs) {
        long start = System.nanoTime();
        Map<String, String> last = sendThroughputLoad(topics, EVENTS, songs);
        var lists = app.lists();
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

    private static FanOut fanOut(TestPlatform platform, ItTopics topics, AppInstance app, int songs) throws Exception {
        Random r = new Random(77);
        Instant t0 = Instant.now().minusSeconds(FANOUT_USERS);
        List<String> sample = new ArrayList<>();
        Map<String, String> lastOf = new HashMap<>();
        for (int u = 0; u < FANOUT_USERS; u++) {
            String user = "fo-user-" + u;
            UserEvent like = UserEvent.newBuilder().setEventId("fo-" + u).setUserId(user)
                    .setSongId("song-" + r.nextInt(songs)).setType(UserEventType.LIKED).setTimestamp(t0.plusSeconds(u)).build();
            topics.sendAsync(like);
            if (u % Math.max(1, FANOUT_USERS / 200) == 0 || u >= FANOUT_USERS - 50) {
                sample.add(user);
                lastOf.put(user, like.getEventId());
            }
        }
        topics.flush();
        long loadStart = System.nanoTime();
        var lists = app.lists();
        AppInstance.await(() -> {
            for (String user : sample) {
                RecommendationList l = lists.get(user);
                if (l == null || !lastOf.get(user).equals(l.getTriggeredBy())) {
                    return false;
                }
            }
            return true;
        }, Duration.ofMinutes(15), "fan-out users' first lists");
        System.out.printf(Locale.ROOT, "fan-out: %,d users with a taste after %.0f s%n", FANOUT_USERS, (System.nanoTime() - loadStart) / 1e9);
        Thread.sleep(2000);

        Map<String, Object> c = new HashMap<>(platform.clientProperties());
        c.put("group.id", "bench-fanout-" + UUID.randomUUID());
        c.put("isolation.level", "read_committed");
        c.put("auto.offset.reset", "latest");
        SpecificAvroDeserializer<RecommendationList> values = new SpecificAvroDeserializer<>();
        values.configure(c, false);
        List<SongProfile> base = SyntheticCatalog.songs(songs, 3, Instant.now());
        Map<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        List<Double> lags = new ArrayList<>();
        long songsBefore = app.catalog().fanOut.songs.get();
        long nanosBefore = app.catalog().fanOut.nanos.get();
        long examinedBefore = app.catalog().fanOut.examined.get();
        long reRankedBefore = app.catalog().fanOut.reRanked.get();
        try (KafkaConsumer<String, RecommendationList> consumer = new KafkaConsumer<>(c, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topics.recommendations));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            long next = System.nanoTime();
            long end = Long.MAX_VALUE;
            int sentSongs = 0;
            while (System.nanoTime() < end) {
                if (sentSongs < NEW_SONGS && System.nanoTime() >= next) {
                    // A new song that sounds like a random catalog song (a near copy of its embedding).
                    SongProfile twin = base.get(r.nextInt(songs));
                    List<Float> emb = new ArrayList<>(twin.getMeanEmbedding());
                    emb.set(sentSongs % emb.size(), emb.get(sentSongs % emb.size()) + 0.02f);
                    String id = "new-song-" + sentSongs;
                    SongProfile fresh = SongProfile.newBuilder(twin).setSongId(id).setTitle("New " + sentSongs)
                            .setArtist("New artist " + sentSongs).setAlbum(null).setMeanEmbedding(emb).setUpdatedAt(Instant.now()).build();
                    sentAt.put("new-song:" + id, System.nanoTime());
                    topics.sendAsync(fresh);
                    topics.flush();
                    sentSongs++;
                    next += 1_000_000_000L;
                    if (sentSongs == NEW_SONGS) {
                        end = System.nanoTime() + 10_000_000_000L; // collect what is still on its way
                    }
                }
                for (ConsumerRecord<String, RecommendationList> rec : consumer.poll(Duration.ofMillis(5))) {
                    Long at = rec.value().getTriggeredBy() == null ? null : sentAt.get(rec.value().getTriggeredBy());
                    if (at != null) {
                        lags.add((System.nanoTime() - at) / 1e6);
                    }
                }
            }
        }
        double n = Math.max(1, app.catalog().fanOut.songs.get() - songsBefore);
        double[] sorted = lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double p50 = sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
        double p99 = sorted.length == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(sorted.length * 0.99) - 1)];
        double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
        return new FanOut(FANOUT_USERS, NEW_SONGS, sorted.length, p50, p99, max,
                (app.catalog().fanOut.nanos.get() - nanosBefore) / 1e6 / n,
                (app.catalog().fanOut.examined.get() - examinedBefore) / n,
                (app.catalog().fanOut.reRanked.get() - reRankedBefore) / n);
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
                                + app.lists().get(like.getUserId()));
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
