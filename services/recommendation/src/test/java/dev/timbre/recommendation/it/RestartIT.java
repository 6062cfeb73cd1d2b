package dev.timbre.recommendation.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.recommendation.taste.TasteState;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.user.UserEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Stops the app while events are flowing, restarts it on the same state dir, stops it again and
 * restarts it on an empty state dir (full restore from changelogs). The final lists and tastes must
 * equal an uninterrupted run of the same input: nothing lost, nothing counted twice.
 */
@ExtendWith(KafkaPlatformExtension.class)
class RestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void restartsLoseNothingAndCountNothingTwice(TestPlatform platform, @TempDir Path dir1, @TempDir Path dir2,
                                                @TempDir Path referenceDir) throws Exception {
        String appId = "rec-restart-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-03-02T10:00:00Z");
        List<SongProfile> songs = SyntheticCatalog.songs(80, 11, t0);
        int users = 8;
        List<UserEvent> events = EventScript.generate(5, users, 240, songs.size(), t0.plusSeconds(60));
        Map<String, String> lastEventOfUser = new HashMap<>();
        for (UserEvent e : events) {
            lastEventOfUser.put(e.getUserId(), e.getEventId());
        }

        try (ItTopics topics = new ItTopics(platform)) {
            topics.sendAll(songs);
            // The producer streams the events in three slices; each slice starts once an instance runs,
            // and each instance is stopped while its slice is still flowing.
            AtomicInteger sent = new AtomicInteger();
            Semaphore slices = new Semaphore(0);
            int slice = events.size() / 3;
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < events.size(); i++) {
                        if (i % slice == 0 && i / slice < 3) {
                            slices.acquire();
                        }
                        topics.send(events.get(i));
                        sent.incrementAndGet();
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "event-producer");
            producer.start();

            AppInstance first = AppInstance.start(topics, appId, dir1);
            first.awaitRunning(Duration.ofSeconds(90));
            AppInstance.await(() -> first.catalog().size() == songs.size(), Duration.ofSeconds(60), "catalog");
            slices.release();
            AppInstance.await(() -> sent.get() > slice / 2, Duration.ofSeconds(60), "half the first slice");
            first.close(); // mid-stream

            AppInstance second = AppInstance.start(topics, appId, dir1); // same state dir
            second.awaitRunning(Duration.ofSeconds(90));
            slices.release();
            AppInstance.await(() -> sent.get() > slice + slice / 2, Duration.ofSeconds(60), "half the second slice");
            second.close();

            try (AppInstance third = AppInstance.start(topics, appId, dir2)) { // empty: restore from changelogs
                third.awaitRunning(Duration.ofSeconds(90));
                slices.release();
                producer.join(120_000);
                for (Map.Entry<String, String> last : lastEventOfUser.entrySet()) {
                    AppInstance.await(() -> {
                        try {
                            return last.getValue().equals(JSON.readTree(
                                    third.get("/users/" + last.getKey() + "/recommendations").body())
                                    .path("triggeredBy").asText());
                        } catch (Exception e) {
                            return false;
                        }
                    }, Duration.ofSeconds(90), () -> "the final list of " + last.getKey() + " (" + last.getValue()
                            + "); the instance answers: " + third.getQuietly("/users/" + last.getKey() + "/recommendations"));
                }

                try (ReferenceRun reference = new ReferenceRun(songs, events, referenceDir)) {
                    var lists = third.lists();
                    List<String> mismatches = new java.util.ArrayList<>();
                    for (String user : new java.util.TreeSet<>(lastEventOfUser.keySet())) {
                        TasteState want = reference.taste(user);
                        TasteState got = third.tastes().get(user);
                        assertNotNull(got, user);
                        String counters = "events " + want.events + "/" + got.events + ", liked " + want.liked.keySet()
                                + "/" + got.liked.keySet() + ", heard " + want.heard.size() + "/" + got.heard.size()
                                + ", skipped " + want.skipped.size() + "/" + got.skipped.size()
                                + ", weight " + want.positiveWeight + "/" + got.positiveWeight
                                + ", clock " + want.clock + "/" + got.clock;
                        boolean same = want.events == got.events && want.liked.keySet().equals(got.liked.keySet())
                                && want.heard.equals(got.heard) && want.skipped.equals(got.skipped)
                                && want.recentLikes.equals(got.recentLikes) && want.genres.equals(got.genres)
                                && java.util.Arrays.equals(want.vector, got.vector)
                                && reference.list(user).equals(lists.get(user));
                        if (!same) {
                            mismatches.add(user + ": " + counters);
                        }
                    }
                    assertEquals(Map.of(), deletedByBroker(platform, topics.events),
                            "records of the input deleted by the broker (retention) before the app consumed them");
                    assertEquals(List.of(), mismatches, "users whose state or list differs from the uninterrupted run");
                    // Like counts: aggregated across the restarts, shared through the global store.
                    AppInstance.await(() -> {
                        for (SongProfile s : songs) {
                            if (reference.catalog.popularity().likes(s.getSongId())
                                    != third.catalog().popularity().likes(s.getSongId())) {
                                return false;
                            }
                        }
                        return true;
                    }, Duration.ofSeconds(30), "like counts equal to the reference");
                }
            }
        }
    }

    /** Partitions of {@code topic} whose log no longer starts at offset 0, with their log start offset. */
    private static Map<Integer, Long> deletedByBroker(TestPlatform platform, String topic) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> earliest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                earliest.put(new org.apache.kafka.common.TopicPartition(topic, p),
                        org.apache.kafka.clients.admin.OffsetSpec.earliest());
            }
            Map<Integer, Long> deleted = new java.util.TreeMap<>();
            admin.listOffsets(earliest).all().get().forEach((tp, info) -> {
                if (info.offset() > 0) {
                    deleted.put(tp.partition(), info.offset());
                }
            });
            return deleted;
        }
    }
}
