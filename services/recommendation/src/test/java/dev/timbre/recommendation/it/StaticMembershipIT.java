package dev.timbre.recommendation.it;

import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Static membership: an instance that goes away without leaving the group (as after kill -9; a static
 * member's close does not leave either) and comes back with the same {@code group.instance.id} resumes its own
 * partitions at once, although the session timeout (30 s) is far longer than the 10 s it is given.
 */
@ExtendWith(KafkaPlatformExtension.class)
class StaticMembershipIT {

    @Test
    void aRestartedStaticMemberResumesWithinTenSeconds(TestPlatform platform, @TempDir Path dir) throws Exception {
        Instant t0 = Instant.now().minusSeconds(3600);
        List<SongProfile> songs = SyntheticCatalog.songs(200, 5, t0);
        Map<String, Object> staticMember = Map.of(
                "timbre.recommendation.group-instance-id", "rec-it-0",
                "timbre.recommendation.session-timeout-ms", 30_000,
                "timbre.recommendation.streams.session.timeout.ms", "30000");
        try (ItTopics topics = new ItTopics(platform)) {
            topics.sendAll(songs);
            String appId = "rec-static-" + UUID.randomUUID().toString().substring(0, 8);
            try (AppInstance first = AppInstance.start(topics, appId, dir, staticMember)) {
                first.awaitRunning(Duration.ofMinutes(2));
                for (int u = 0; u < 12; u++) {
                    topics.send(like("before-" + u, "static-user-" + u, "song-" + u, t0.plusSeconds(u)));
                }
                awaitList(first, "static-user-11", "before-11", Duration.ofMinutes(1));
            }
            // Gone without leaving the group: the coordinator still counts the member for 30 s.
            long restart = System.nanoTime();
            try (AppInstance second = AppInstance.start(topics, appId, dir, staticMember)) {
                for (int u = 0; u < 12; u++) {
                    topics.send(like("after-" + u, "static-user-" + u, "song-" + (100 + u), t0.plusSeconds(100 + u)));
                }
                for (int u = 0; u < 12; u++) {
                    awaitList(second, "static-user-" + u, "after-" + u, Duration.ofSeconds(10));
                }
                double seconds = (System.nanoTime() - restart) / 1e9;
                System.out.printf("static membership: restarted instance served every user's new event %.1f s after its start%n", seconds);
                assertTrue(seconds < 10, "resumed in " + seconds + " s");
            }
        }
    }

    private static UserEvent like(String eventId, String user, String song, Instant at) {
        return UserEvent.newBuilder().setEventId(eventId).setUserId(user).setSongId(song)
                .setType(UserEventType.LIKED).setTimestamp(at).build();
    }

    private static void awaitList(AppInstance app, String user, String eventId, Duration timeout) {
        AppInstance.await(() -> {
            RecommendationList l = app.lists().get(user);
            return l != null && eventId.equals(l.getTriggeredBy());
        }, timeout, () -> user + "'s list for " + eventId);
    }
}
