package dev.timbre.recommendation.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.user.UserEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three instances over the six partitions of user.events, one standby replica each. One instance runs in its
 * own JVM and is killed with SIGKILL (kill -9) mid-stream; the other two take its users over. Afterwards every
 * list, taste and like count equals an uninterrupted run (nothing lost, nothing counted twice), and interactive
 * queries answer throughout, from the new owners once the handover is done.
 */
@ExtendWith(KafkaPlatformExtension.class)
class ScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** kill -9 leaves the dead member in the group for its session and its transaction open until it times out. */
    private static final Map<String, Object> FAILOVER = Map.of(
            "timbre.recommendation.standby-replicas", Integer.getInteger("scaleout.standbys", 1),
            "timbre.recommendation.streams.session.timeout.ms", "6000",
            "timbre.recommendation.streams.producer.transaction.timeout.ms", "5000");

    @Test
    void killMinus9HandsUsersOverWithNothingLostOrCountedTwice(TestPlatform platform, @TempDir Path dirA,
                                                             @TempDir Path dirB, @TempDir Path dirC,
                                                             @TempDir Path referenceDir) throws Exception {
        Instant t0 = Instant.parse("2026-04-01T10:00:00Z");
        List<SongProfile> songs = SyntheticCatalog.songs(120, 17, t0);
        int users = 18;
        List<UserEvent> events = EventScript.generate(23, users, 480, songs.size(), t0.plusSeconds(60));
        Map<String, String> lastEventOfUser = new HashMap<>();
        for (UserEvent e : events) {
            lastEventOfUser.put(e.getUserId(), e.getEventId());
        }
        String appId = "rec-scale-" + UUID.randomUUID().toString().substring(0, 8);
        try (ItTopics topics = new ItTopics(platform)) {
            topics.sendAll(songs);
            Process a = startChild(topics, appId, dirA);
            try (AppInstance b = AppInstance.start(topics, appId, dirB, FAILOVER);
                 AppInstance c = AppInstance.start(topics, appId, dirC, FAILOVER)) {
                b.awaitRunning(Duration.ofMinutes(2));
                c.awaitRunning(Duration.ofMinutes(2));
                AppInstance.await(() -> b.catalog().size() == songs.size() && c.catalog().size() == songs.size(),
                        Duration.ofMinutes(1), "catalogs");
                String aHost = "localhost:" + childPort;
                // All three own user partitions.
                AppInstance.await(() -> b.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                                && ownsUserPartitions(b, aHost) && ownsUserPartitions(b, b.hostPort) && ownsUserPartitions(b, c.hostPort),
                        Duration.ofMinutes(2), () -> "user partitions spread over 3 instances: " + b.streams().metadataForAllStreamsClients());

                AtomicInteger sent = new AtomicInteger();
                Thread producer = new Thread(() -> {
                    try {
                        for (UserEvent e : events) {
                            topics.send(e);
                            sent.incrementAndGet();
                            Thread.sleep(15);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, "event-producer");
                producer.start();

                // Interactive queries, all along: every user through B.
                AtomicBoolean querying = new AtomicBoolean(true);
                AtomicInteger answered = new AtomicInteger();
                AtomicInteger unavailable = new AtomicInteger();
                List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                Thread queries = new Thread(() -> {
                    while (querying.get()) {
                        for (int u = 0; u < users && querying.get(); u++) {
                            try {
                                HttpResponse<String> r = b.get("/users/user-" + u + "/recommendations");
                                if (r.statusCode() == 200) {
                                    answered.incrementAndGet();
                                } else if ((r.statusCode() == 503 || r.statusCode() == 502) && r.body().contains("\"status\"")) {
                                    // the documented JSON errors: 503 while rebalancing, 502 while the dead owner is
                                    // still the owner (until its session times out)
                                    unavailable.incrementAndGet();
                                } else {
                                    failures.add(r.statusCode() + " " + r.body());
                                }
                            } catch (Exception e) {
                                // forwarding to the dead instance before its partitions moved
                                unavailable.incrementAndGet();
                            }
                        }
                    }
                }, "iq-client");
                queries.start();

                AppInstance.await(() -> sent.get() > events.size() / 3, Duration.ofMinutes(1), "a third of the events");
                a.destroyForcibly(); // SIGKILL
                long killed = System.nanoTime();
                a.waitFor();
                AppInstance.await(() -> b.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                                && c.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                                && !ownsUserPartitions(b, aHost) && userPartitionsOwned(b) == 6,
                        Duration.ofSeconds(60), () -> "B and C own all 6 user partitions: " + b.streams().metadataForAllStreamsClients());
                double handover = (System.nanoTime() - killed) / 1e9;
                System.out.printf("scale-out: kill -9 of one of 3 instances -> its tasks active on the others after %.1f s%n", handover);
                assertTrue(handover < 30, "handover took " + handover + " s");

                producer.join(180_000);
                for (Map.Entry<String, String> last : lastEventOfUser.entrySet()) {
                    AppInstance.await(() -> last.getValue().equals(triggeredBy(b, last.getKey())), Duration.ofSeconds(90),
                            () -> last.getKey() + "'s final list (" + last.getValue() + "): " + b.getQuietly("/users/" + last.getKey() + "/recommendations")
                                    + "\nB: " + b.streams().metadataForLocalThreads() + "\nC: " + c.streams().metadataForLocalThreads()
                                    + "\noffsets: " + offsets(platform, appId, topics.events) + "\n" + streamThreadStacks());
                }
                querying.set(false);
                queries.join();
                assertEquals(List.of(), failures, "interactive queries answer 200, or a JSON 502/503 during the handover");
                System.out.printf("scale-out: %d queries answered, %d unavailable (502/503) during the handover%n",
                        answered.get(), unavailable.get());
                assertTrue(answered.get() > users, "answered " + answered.get() + ", unavailable " + unavailable.get());
                // After the handover every user is served by B or C, never by the dead instance.
                for (int u = 0; u < users; u++) {
                    JsonNode body = JSON.readTree(b.get("/users/user-" + u + "/recommendations").body());
                    assertNotEquals(aHost, body.path("servedBy").asText(), "user-" + u);
                }

                try (ReferenceRun reference = new ReferenceRun(songs, events, referenceDir)) {
                    List<String> mismatches = new ArrayList<>();
                    for (String user : new TreeSet<>(lastEventOfUser.keySet())) {
                        RecommendationList got = storedList(b, user);
                        if (got == null) {
                            got = storedList(c, user);
                        }
                        if (!reference.list(user).equals(got)) {
                            mismatches.add(user);
                        }
                    }
                    assertEquals(List.of(), mismatches, "lists that differ from the uninterrupted run");
                    AppInstance.await(() -> {
                        for (SongProfile s : songs) {
                            long want = reference.catalog.popularity().likes(s.getSongId());
                            if (want != b.catalog().popularity().likes(s.getSongId())
                                    || want != c.catalog().popularity().likes(s.getSongId())) {
                                return false;
                            }
                        }
                        return true;
                    }, Duration.ofSeconds(30), "like counts equal to the uninterrupted run on both survivors");
                }
            } finally {
                a.destroyForcibly();
            }
        }
    }

    private int childPort;

    /** Instance A in its own JVM (same classpath), so that it can be killed with SIGKILL. */
    private Process startChild(ItTopics topics, String appId, Path stateDir) throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            childPort = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        Map<String, Object> props = new HashMap<>(topics.appProperties());
        props.put("micronaut.server.port", childPort);
        props.put("micronaut.server.host", "localhost");
        props.put("timbre.recommendation.application-id", appId);
        props.put("timbre.recommendation.state-dir", stateDir.toString());
        props.put("timbre.service-auth.tokens", AppInstance.TOKEN + "," + AppInstance.PREVIOUS_TOKEN);
        props.put("timbre.recommendation.streams.heartbeat.interval.ms", "1500");
        props.putAll(FAILOVER);
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("dev.timbre.recommendation.Application");
        File log = Path.of("target", "scaleout-instance-a.log").toAbsolutePath().toFile(); // kept for a post-mortem
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        AppInstance.await(() -> {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + childPort + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("UP");
            } catch (Exception e) {
                if (!p.isAlive()) {
                    throw new AssertionError("instance A exited; log: " + log);
                }
                return false;
            }
        }, Duration.ofMinutes(2), "instance A (child JVM) healthy");
        return p;
    }

    private static String streamThreadStacks() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().contains("StreamThread")) {
                out.append(t.getName()).append(" ").append(t.getState()).append('\n');
                for (int i = 0; i < Math.min(stack.length, 25); i++) {
                    out.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        return out.toString();
    }

    private static String offsets(TestPlatform platform, String appId, String topic) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            var committed = admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 6; p++) {
                latest.put(new org.apache.kafka.common.TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            StringBuilder out = new StringBuilder();
            ends.forEach((tp, end) -> out.append(tp).append(" committed ")
                    .append(committed.get(tp) == null ? "-" : committed.get(tp).offset()).append(" end ").append(end.offset()).append("; "));
            return out.toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Whether the instance at {@code host} is active for a partition of user.events, as {@code app} sees the group. */
    private static boolean ownsUserPartitions(AppInstance app, String host) {
        return app.streams().metadataForAllStreamsClients().stream()
                .filter(m -> (m.host() + ":" + m.port()).equals(host))
                .anyMatch(m -> m.topicPartitions().stream().anyMatch(tp -> tp.topic().endsWith(".user.events")));
    }

    /** user.events partitions with an active owner. */
    private static long userPartitionsOwned(AppInstance app) {
        return app.streams().metadataForAllStreamsClients().stream()
                .flatMap(m -> m.topicPartitions().stream())
                .filter(tp -> tp.topic().endsWith(".user.events"))
                .distinct().count();
    }

    private static RecommendationList storedList(AppInstance app, String user) {
        return app.lists().get(user);
    }

    private static String triggeredBy(AppInstance app, String user) {
        try {
            return JSON.readTree(app.get("/users/" + user + "/recommendations").body()).path("triggeredBy").asText();
        } catch (Exception e) {
            return null;
        }
    }
}
