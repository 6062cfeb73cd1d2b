package dev.timbre.recommendation.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.recommendation.taste.TasteState;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.recommendation.RecommendationList;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
            for (SongProfile s : songs) {
                topics.send(s);
            }
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

            AppInstance first = AppInstance.start(topics, appId, dir1);
            first.awaitRunning(Duration.ofSeconds(90));
            AppInstance.await(() -> first.catalog().size() == songs.size(), Duration.ofSeconds(60), "catalog");
            producer.start();
            AppInstance.await(() -> sent.get() > events.size() / 3, Duration.ofSeconds(60), "a third of the events");
            first.close(); // mid-stream

            AppInstance second = AppInstance.start(topics, appId, dir1); // same state dir
            second.awaitRunning(Duration.ofSeconds(90));
            AppInstance.await(() -> sent.get() > 2 * events.size() / 3, Duration.ofSeconds(60), "two thirds");
            second.close();

            try (AppInstance third = AppInstance.start(topics, appId, dir2)) { // empty: restore from changelogs
                producer.join(120_000);
                third.awaitRunning(Duration.ofSeconds(90));
                for (Map.Entry<String, String> last : lastEventOfUser.entrySet()) {
                    AppInstance.await(() -> {
                        try {
                            return last.getValue().equals(JSON.readTree(
                                    third.get("/users/" + last.getKey() + "/recommendations").body())
                                    .path("triggeredBy").asText());
                        } catch (Exception e) {
                            return false;
                        }
                    }, Duration.ofSeconds(90), "the final list of " + last.getKey());
                }

                try (ReferenceRun reference = new ReferenceRun(songs, events, referenceDir)) {
                    var lists = third.streams().store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                            dev.timbre.recommendation.topology.StoreNames.LISTS,
                            org.apache.kafka.streams.state.QueryableStoreTypes.<String, RecommendationList>keyValueStore()));
                    for (String user : lastEventOfUser.keySet()) {
                        RecommendationList expected = reference.list(user);
                        RecommendationList actual = lists.get(user);
                        assertNotNull(actual, user);
                        assertEquals(expected, actual, "list of " + user);

                        TasteState want = reference.taste(user);
                        TasteState got = third.tastes().get(user);
                        assertEquals(want.events, got.events, "events counted for " + user);
                        assertEquals(want.liked.keySet(), got.liked.keySet(), "likes of " + user);
                        assertEquals(want.heard, got.heard);
                        assertEquals(want.skipped, got.skipped);
                        assertEquals(want.recentLikes, got.recentLikes);
                        assertArrayEquals(want.vector, got.vector, 1e-9, "taste vector of " + user);
                        assertEquals(want.genres, got.genres);
                    }
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
}
