package dev.timbre.recommendation.it;

import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.recommendation.RecommendedItem;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the real broker: a song that arrives after the users acted reaches the lists of the users whose
 * taste it fits within 5 s, without any further event from them, and leaves the others alone.
 */
@ExtendWith(KafkaPlatformExtension.class)
class NewSongFanOutIT {

    @Test
    void aNewSongReachesTheListenersItFitsWithinFiveSeconds(TestPlatform platform, @TempDir Path dir) throws Exception {
        Instant t0 = Instant.now().minusSeconds(3600);
        List<SongProfile> songs = SyntheticCatalog.songs(600, 21, t0);
        try (ItTopics topics = new ItTopics(platform)) {
            topics.sendAll(songs);
            String appId = "rec-fanout-" + UUID.randomUUID().toString().substring(0, 8);
            try (AppInstance app = AppInstance.start(topics, appId, dir, Map.of())) {
                app.awaitRunning(Duration.ofMinutes(2));
                AppInstance.await(() -> app.catalog().size() == songs.size(), Duration.ofMinutes(1), "catalog");
                // 40 users, each liking one song; user i likes song i*7.
                List<String> lastEvent = new ArrayList<>();
                for (int u = 0; u < 40; u++) {
                    UserEvent like = UserEvent.newBuilder().setEventId("fan-" + u).setUserId("fan-user-" + u)
                            .setSongId("song-" + (u * 7)).setType(UserEventType.LIKED).setTimestamp(t0.plusSeconds(u)).build();
                    topics.sendAsync(like);
                    lastEvent.add(like.getEventId());
                }
                topics.flush();
                ReadOnlyKeyValueStore<String, RecommendationList> lists = app.lists();
                AppInstance.await(() -> {
                    for (int u = 0; u < 40; u++) {
                        RecommendationList l = lists.get("fan-user-" + u);
                        if (l == null || !lastEvent.get(u).equals(l.getTriggeredBy())) {
                            return false;
                        }
                    }
                    return true;
                }, Duration.ofMinutes(1), "every user's list");
                Map<String, RecommendationList> before = new java.util.HashMap<>();
                for (int u = 0; u < 40; u++) {
                    before.put("fan-user-" + u, lists.get("fan-user-" + u));
                }

                // A new song that sounds like user 3's liked song (song-21): a near copy of its embedding.
                SongProfile twin = songs.get(21);
                List<Float> emb = new ArrayList<>(twin.getMeanEmbedding());
                emb.set(0, emb.get(0) + 0.01f);
                SongProfile fresh = SongProfile.newBuilder(twin).setSongId("fresh-1").setTitle("Fresh")
                        .setArtist("Newcomer").setAlbum("Debut").setMeanEmbedding(emb).setUpdatedAt(Instant.now()).build();
                long sent = System.nanoTime();
                topics.send(fresh);
                AppInstance.await(() -> {
                    RecommendationList l = lists.get("fan-user-3");
                    return l != null && "new-song:fresh-1".equals(l.getTriggeredBy());
                }, Duration.ofSeconds(5), () -> "fresh-1 pushed to fan-user-3 within 5 s; list: " + lists.get("fan-user-3"));
                long lagMs = (System.nanoTime() - sent) / 1_000_000;
                RecommendationList pushed = lists.get("fan-user-3");
                assertEquals("fresh-1", pushed.getItems().get(0).getSongId(), "the near twin of the liked song ranks first");
                System.out.println("new-song fan-out: fresh-1 reached fan-user-3 " + lagMs + " ms after its profile was sent");

                // Users whose lists it did not enter keep theirs (same trigger, same items).
                Thread.sleep(1500);
                int untouched = 0;
                for (int u = 0; u < 40; u++) {
                    RecommendationList now = lists.get("fan-user-" + u);
                    boolean hasFresh = now.getItems().stream().map(RecommendedItem::getSongId).anyMatch("fresh-1"::equals);
                    if (hasFresh) {
                        assertEquals("new-song:fresh-1", now.getTriggeredBy());
                    } else {
                        assertEquals(before.get("fan-user-" + u), now, "an unreached user's list is left alone");
                        untouched++;
                    }
                }
                assertTrue(untouched > 0, "the song does not fit everyone");
                assertTrue(app.catalog().fanOut.examined.get() < 40L * app.catalog().fanOut.songs.get() || app.catalog().fanOut.songs.get() == 0,
                        "the reverse index examines fewer users than a scan would");
                assertFalse(app.catalog().fanOut.updated.get() == 0);
            }
        }
    }
}
