package dev.timbre.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timbre.demo.catalog.CatalogSong;
import dev.timbre.demo.catalog.DemoCatalog;
import dev.timbre.demo.client.IngestClient;
import dev.timbre.demo.launch.ApiKeys;
import dev.timbre.demo.launch.Pipeline;
import dev.timbre.demo.launch.ServiceProcess;
import dev.timbre.infra.LocalPlatform;
import dev.timbre.infra.PlatformOptions;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.song.SongStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos check (infra/bin/chaos; too slow for infra/bin/test, so not named *IT): the whole system as the demo
 * runs it (each service its own JVM) on a broker and registry of its own, twice with the same songs and the same
 * scripted user events: once undisturbed (the reference), once with kill -9 of feature-extraction, then
 * classification, then recommendation while events flow (each restarted), and a broker restart. Settled, the
 * disturbed run must match the reference: every song RECOMMENDABLE exactly once with its profile, every like
 * counted once, each user's last event behind their list, nothing in a dead-letter topic.
 */
class ChaosCheck {
    static final int SONGS_PER_GENRE = Integer.getInteger("chaos.songsPerGenre", 5); // x 10 genres
    static final int EVENTS = Integer.getInteger("chaos.events", 2000);
    static final int USERS = 20;
    static final double SECONDS = 6.0;
    static final Duration EVENT_SPAN = Duration.ofSeconds(Integer.getInteger("chaos.eventSeconds", 150));
    static final String TOKEN = "chaos-check-service-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Outcome(Map<String, Integer> recommendable, Map<String, Integer> profiles, Map<String, Long> likes,
                   Map<String, Boolean> lastEventShown, long deadLetters, long failed, long windows, long predictions,
                   String timeline) {
    }

    @Test
    void killsAndABrokerRestartChangeNothing() throws Exception {
        List<CatalogSong> songs = DemoCatalog.synthetic(SONGS_PER_GENRE, SECONDS, 7);
        List<String> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add("user" + u);
        }
        Outcome reference = run("reference", songs, users, false);
        Outcome chaos = run("chaos", songs, users, true);

        System.out.println("CHAOS reference: " + reference.timeline());
        System.out.println("CHAOS disturbed: " + chaos.timeline());
        System.out.printf("CHAOS %-34s %10s %10s%n", "", "reference", "chaos");
        System.out.printf("CHAOS %-34s %10d %10d%n", "songs", reference.recommendable().size(), chaos.recommendable().size());
        System.out.printf("CHAOS %-34s %10d %10d%n", "songs RECOMMENDABLE exactly once",
                count(reference.recommendable(), 1), count(chaos.recommendable(), 1));
        System.out.printf("CHAOS %-34s %10d %10d%n", "RECOMMENDABLE records", sum(reference.recommendable()), sum(chaos.recommendable()));
        System.out.printf("CHAOS %-34s %10d %10d%n", "profile records", sum(reference.profiles()), sum(chaos.profiles()));
        System.out.printf("CHAOS %-34s %10d %10d%n", "likes counted", reference.likes().values().stream().mapToLong(Long::longValue).sum(),
                chaos.likes().values().stream().mapToLong(Long::longValue).sum());
        System.out.printf("CHAOS %-34s %10d %10d%n", "users whose list shows the last event",
                reference.lastEventShown().values().stream().filter(b -> b).count(), chaos.lastEventShown().values().stream().filter(b -> b).count());
        System.out.printf("CHAOS %-34s %10d %10d%n", "audio.features records (windows)", reference.windows(), chaos.windows());
        System.out.printf("CHAOS %-34s %10d %10d%n", "window.predictions records", reference.predictions(), chaos.predictions());
        System.out.printf("CHAOS %-34s %10d %10d%n", "dead letters", reference.deadLetters(), chaos.deadLetters());
        System.out.printf("CHAOS %-34s %10d %10d%n", "FAILED statuses", reference.failed(), chaos.failed());

        int expectedSongs = songs.size();
        for (Outcome o : List.of(reference, chaos)) {
            assertEquals(expectedSongs, o.recommendable().size());
            assertEquals(expectedSongs, count(o.recommendable(), 1), "every song RECOMMENDABLE exactly once: " + o.recommendable());
            assertEquals(expectedSongs, o.profiles().size(), "every song has a profile");
            assertEquals(USERS, o.lastEventShown().values().stream().filter(b -> b).count(), "lists follow the last event: " + o.lastEventShown());
            assertEquals(0, o.deadLetters(), "nothing in a dead-letter topic");
            assertEquals(0, o.failed());
        }
        assertEquals(reference.likes(), chaos.likes(), "every like counted exactly once, as in the reference");
        assertEquals(count(reference.profiles(), 1), count(chaos.profiles(), 1), "one profile per song, as in the reference");
    }

    private Outcome run(String name, List<CatalogSong> songs, List<String> users, boolean disturb) throws Exception {
        Path data = Files.createTempDirectory("timbre-chaos-" + name);
        StringBuilder timeline = new StringBuilder();
        long t0 = System.nanoTime();
        java.util.function.Consumer<String> mark = what -> {
            String line = String.format("%.0fs %s", (System.nanoTime() - t0) / 1e9, what);
            timeline.append(timeline.length() == 0 ? "" : "; ").append(line);
            System.out.println("[chaos " + name + "] " + line);
        };
        try (LocalPlatform platform = LocalPlatform.start(PlatformOptions.forTests(data.resolve("platform"))
                .withLog(m -> System.out.println("[chaos " + name + " platform] " + m)))) {
            ApiKeys keys = ApiKeys.generate(users);
            Path repoRoot = PlatformOptions.defaultDataDir().getParent();
            Path work = Files.createDirectories(data.resolve("work"));
            Pipeline.Ports ports = new Pipeline.Ports(freePort(), freePort(), freePort(), freePort());
            List<ServiceProcess> restarted = new ArrayList<>();
            try (Pipeline pipeline = Pipeline.start(repoRoot, work, platform.bootstrapServers(), platform.registryUrl(), ports,
                    keys.table(), genreModel(), line -> System.out.println("[chaos " + name + "] " + line))) {
                mark.accept("pipeline up");
                IngestClient ingest = new IngestClient(pipeline.service("ingest").baseUrl());
                List<String> songIds = new ArrayList<>();
                String admin = keys.of(ApiKeys.ADMIN);
                for (CatalogSong song : songs) {
                    IngestClient.Reply reply = ingest.uploadSong(admin, song.fileName(), song.audio(), song.title(),
                            song.artist(), song.album());
                    songIds.add(reply.orThrow("upload " + song.fileName()).path("songId").asText());
                    // the song stages die mid-catalog: feature-extraction after 20 uploads, classification after 35
                    int uploaded = songIds.size();
                    if (disturb && (uploaded == songs.size() * 2 / 5 || uploaded == songs.size() * 7 / 10)) {
                        String service = uploaded == songs.size() * 2 / 5 ? "feature-extraction" : "classification";
                        ServiceProcess victim = current(pipeline, restarted, service);
                        kill9(victim);
                        mark.accept("kill -9 " + service + " after " + uploaded + " uploads (" + stages(ingest, admin) + ")");
                        ServiceProcess again = ServiceProcess.start(victim.spec(), work.resolve("logs-restarted"));
                        restarted.add(again);
                        again.awaitHealthy(Duration.ofMinutes(4));
                        mark.accept(service + " restarted and healthy (" + stages(ingest, admin) + ")");
                    }
                }
                mark.accept(songIds.size() + " songs uploaded (" + stages(ingest, admin) + ")");

                // one sender per user keeps each user's order; each event retried until accepted (202)
                Map<String, String> lastEvent = new ConcurrentHashMap<>();
                AtomicLong sent = new AtomicLong();
                ExecutorService senders = Executors.newFixedThreadPool(USERS);
                List<Future<?>> running = new ArrayList<>();
                long pauseMs = EVENT_SPAN.toMillis() * USERS / EVENTS;
                for (int u = 0; u < users.size(); u++) {
                    String user = users.get(u);
                    List<String[]> script = script(user, u, songIds, EVENTS / USERS);
                    running.add(senders.submit(() -> {
                        for (String[] e : script) {
                            lastEvent.put(user, send(ingest, keys.of(user), user, e[0], e[1]));
                            sent.incrementAndGet();
                            Thread.sleep(pauseMs);
                        }
                        return null;
                    }));
                }
                if (disturb) {
                    // recommendation dies while the events flow (a third of the way through)
                    while (sent.get() < EVENTS / 3) {
                        Thread.sleep(100);
                    }
                    ServiceProcess victim = current(pipeline, restarted, "recommendation");
                    kill9(victim);
                    mark.accept("kill -9 recommendation after " + sent.get() + " events");
                    ServiceProcess again = ServiceProcess.start(victim.spec(), work.resolve("logs-restarted"));
                    restarted.add(again);
                    again.awaitHealthy(Duration.ofMinutes(4));
                    mark.accept("recommendation restarted and healthy, " + sent.get() + " events sent");
                }
                for (Future<?> f : running) {
                    f.get();
                }
                senders.shutdown();
                mark.accept(sent.get() + " events accepted");
                if (disturb) {
                    platform.restartBroker(false);
                    mark.accept("broker restarted");
                }

                // settle: every song recommendable, every user's list triggered by their last event
                await(() -> songIds.stream().allMatch(id -> "RECOMMENDABLE".equals(
                        ingest.songStatus(admin, id).body().path("stage").asText())), Duration.ofMinutes(8), "all songs RECOMMENDABLE");
                mark.accept("all songs RECOMMENDABLE");
                await(() -> users.stream().allMatch(u -> lastEvent.get(u).equals(
                        ingest.recommendations(keys.of(u), u).body().path("triggeredBy").asText())), Duration.ofMinutes(5), "lists settled");
                mark.accept("every list shows its user's last event");

                // every service answers errors in the one shape, with a request id (after all those restarts)
                for (String service : List.of("ingest", "feature-extraction", "classification", "recommendation")) {
                    HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(
                                    URI.create(current(pipeline, restarted, service).baseUrl() + "/no/such/route"))
                            .header("Authorization", "Bearer " + (service.equals("ingest") ? admin : tokenOf(pipeline)))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    JsonNode error = JSON.readTree(missing.body());
                    assertEquals(404, missing.statusCode(), service + ": " + missing.body());
                    assertEquals("not_found", error.path("error").asText(), service + ": " + missing.body());
                    assertEquals(missing.headers().firstValue("X-Request-Id").orElse("?"), error.path("requestId").asText(), service);
                }
                HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(
                        current(pipeline, restarted, "recommendation").baseUrl() + "/users/user0/recommendations")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(401, anonymous.statusCode(), "recommendation refuses calls without the service token");

                Map<String, Boolean> shown = new TreeMap<>();
                for (String u : users) {
                    shown.put(u, lastEvent.get(u).equals(ingest.recommendations(keys.of(u), u).body().path("triggeredBy").asText()));
                }
                String recommendationUrl = current(pipeline, restarted, "recommendation").baseUrl();
                Map<String, Long> likes = new TreeMap<>();
                for (int i = 0; i < songIds.size(); i++) {
                    JsonNode song = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(recommendationUrl + "/songs/" + songIds.get(i)))
                            .header("Authorization", "Bearer " + tokenOf(pipeline)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
                    likes.put("song" + i, song.path("likes").asLong());
                }
                Map<String, Integer> recommendable = new TreeMap<>();
                Map<String, Integer> profiles = new TreeMap<>();
                long[] failed = {0};
                Map<String, String> index = new HashMap<>();
                for (int i = 0; i < songIds.size(); i++) {
                    index.put(songIds.get(i), "song" + i);
                }
                readAll(platform, Topics.SONG_STATUS, (key, value) -> {
                    SongStatus status = (SongStatus) value;
                    if (status.getStage().name().equals("RECOMMENDABLE")) {
                        recommendable.merge(index.getOrDefault(key, key), 1, Integer::sum);
                    } else if (status.getStage().name().equals("FAILED")) {
                        failed[0]++;
                    }
                });
                readAll(platform, Topics.SONG_PROFILES, (key, value) -> profiles.merge(index.getOrDefault(key, key), 1, Integer::sum));
                long deadLetters = deadLetters(platform);
                // informational: a stage re-processing a song after a crash writes its windows again (at least once)
                long[] windows = {0, 0};
                readAll(platform, Topics.AUDIO_FEATURES, (key, value) -> windows[0]++);
                readAll(platform, Topics.WINDOW_PREDICTIONS, (key, value) -> windows[1]++);
                return new Outcome(recommendable, profiles, likes, shown, deadLetters, failed[0], windows[0], windows[1],
                        timeline.toString());
            } finally {
                restarted.forEach(ServiceProcess::close);
            }
        } finally {
            deleteQuietly(data);
        }
    }

    /** The end-to-end tests' small fixture model when present, else classification's bundled model (null). */
    private static Path genreModel() {
        try {
            return RunningSystem.genreModel();
        } catch (IllegalStateException missing) {
            return null;
        }
    }

    /** Songs per stage in ingest's catalog, e.g. "RECOMMENDABLE=12 REGISTERED=8". */
    private static String stages(IngestClient ingest, String admin) {
        try {
            Map<String, Integer> counts = new TreeMap<>();
            ingest.catalog(admin).body().forEach(song -> counts.merge(song.path("stage").asText(), 1, Integer::sum));
            StringBuilder out = new StringBuilder();
            counts.forEach((stage, n) -> out.append(out.length() == 0 ? "" : " ").append(stage).append('=').append(n));
            return out.toString();
        } catch (RuntimeException e) {
            return "catalog unavailable";
        }
    }

    /** The token the pipeline gave recommendation (Pipeline generates one per run and passes it as a -D setting). */
    private static String tokenOf(Pipeline pipeline) {
        return pipeline.service("recommendation").spec().properties().get("timbre.service-auth.tokens");
    }

    /** A user's events: listens, likes, skips and some unlikes of liked songs; deterministic. */
    private static List<String[]> script(String user, int u, List<String> songIds, int n) {
        Random random = new Random(1_000L + u);
        List<String[]> events = new ArrayList<>();
        List<String> liked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String song = songIds.get(random.nextInt(songIds.size()));
            int r = random.nextInt(10);
            String type = r < 4 ? "listened" : r < 7 ? "liked" : r < 9 ? "skipped" : "unliked";
            if (type.equals("unliked")) {
                if (liked.isEmpty()) {
                    type = "listened";
                } else {
                    song = liked.remove(random.nextInt(liked.size()));
                }
            } else if (type.equals("liked")) {
                liked.add(song);
            }
            events.add(new String[]{song, type});
        }
        return events;
    }

    private static String send(IngestClient ingest, String key, String user, String songId, String type) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                IngestClient.Reply reply = ingest.postEvent(key, user, songId, type, type.equals("listened") ? 0.8 : null);
                if (reply.status() == 202) {
                    return reply.body().path("eventId").asText();
                }
                if (reply.status() < 500 && reply.status() != 429) {
                    throw new AssertionError("event refused: " + reply.status() + " " + reply.raw());
                }
            } catch (RuntimeException transientFailure) {
                // ingest never dies here; a failure is retried like a 5xx
            }
            if (attempt > 100) {
                throw new AssertionError("event for " + user + " never accepted");
            }
            Thread.sleep(200);
        }
    }

    private static ServiceProcess current(Pipeline pipeline, List<ServiceProcess> restarted, String service) {
        for (int i = restarted.size() - 1; i >= 0; i--) {
            if (restarted.get(i).spec().name().equals(service)) {
                return restarted.get(i);
            }
        }
        return pipeline.service(service);
    }

    /** SIGKILL of the service JVM (found by its port among this JVM's descendants): no shutdown hooks run. */
    private static void kill9(ServiceProcess service) throws InterruptedException {
        String marker = "-Dmicronaut.server.port=" + service.spec().port();
        List<ProcessHandle> victims = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false)).toList();
        assertTrue(!victims.isEmpty(), "no process for " + service.spec().name());
        victims.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : victims) {
            p.onExit().join();
        }
    }

    interface RecordSink {
        void accept(String key, Object value);
    }

    private static void readAll(LocalPlatform platform, String topic, RecordSink sink) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        SpecificAvroDeserializer<org.apache.avro.specific.SpecificRecord> values = new SpecificAvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null) {
                        sink.accept(r.key(), values.deserialize(topic, r.value()));
                    }
                }
            }
        }
    }

    private static long deadLetters(LocalPlatform platform) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            List<String> dlqs = admin.listTopics().names().get().stream().filter(t -> t.endsWith(".dlq")).toList();
            long total = 0;
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", platform.bootstrapServers()),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                for (String dlq : dlqs) {
                    List<TopicPartition> partitions = consumer.partitionsFor(dlq).stream()
                            .map(p -> new TopicPartition(dlq, p.partition())).toList();
                    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
                    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                    for (TopicPartition p : partitions) {
                        total += end.get(p) - begin.get(p);
                    }
                }
            }
            return total;
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // a service restarting
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static int count(Map<String, Integer> counts, int value) {
        return (int) counts.values().stream().filter(v -> v == value).count();
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // temp data
        }
    }
}
