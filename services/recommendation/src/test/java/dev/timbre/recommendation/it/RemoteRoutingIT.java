package dev.timbre.recommendation.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the app in one JVM (own state dirs and HTTP ports) sharing the users' partitions:
 * either one answers for every user, forwarding to the owner when needed.
 */
@ExtendWith(KafkaPlatformExtension.class)
class RemoteRoutingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anyInstanceAnswersForAnyUser(TestPlatform platform, @TempDir Path dirA, @TempDir Path dirB) throws Exception {
        String appId = "rec-routing-" + UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        List<SongProfile> songs = SyntheticCatalog.songs(60, 7, t0);
        try (ItTopics topics = new ItTopics(platform)) {
            topics.sendAll(songs);
            try (AppInstance a = AppInstance.start(topics, appId, dirA);
                 AppInstance b = AppInstance.start(topics, appId, dirB)) {
                a.awaitRunning(Duration.ofSeconds(90));
                b.awaitRunning(Duration.ofSeconds(90));
                AppInstance.await(() -> a.catalog().size() == songs.size() && b.catalog().size() == songs.size(),
                        Duration.ofSeconds(60), "both catalogs to load");
                AppInstance.await(() -> a.streams().metadataForAllStreamsClients().size() == 2
                                && a.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING
                                && b.streams().state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING,
                        Duration.ofSeconds(90), "the two instances to share the partitions");

                Map<String, String> lastEvent = new HashMap<>();
                List<String> users = new ArrayList<>();
                for (int u = 0; u < 12; u++) {
                    String user = "user-" + u;
                    users.add(user);
                    UserEvent like = UserEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setUserId(user)
                            .setSongId("song-" + (u * 5)).setType(UserEventType.LIKED)
                            .setTimestamp(t0.plusSeconds(60 + u)).build();
                    topics.send(like);
                    lastEvent.put(user, like.getEventId());
                }

                Map<String, String> owners = new HashMap<>();
                for (String user : users) {
                    AppInstance.await(() -> {
                        try {
                            JsonNode body = JSON.readTree(a.get("/users/" + user + "/recommendations").body());
                            return lastEvent.get(user).equals(body.path("triggeredBy").asText());
                        } catch (Exception e) {
                            return false;
                        }
                    }, Duration.ofSeconds(60), () -> "the list of " + user + " (" + lastEvent.get(user) + "); A answers "
                            + a.getQuietly("/users/" + user + "/recommendations") + "; B answers "
                            + b.getQuietly("/users/" + user + "/recommendations"));
                    HttpResponse<String> viaA = a.get("/users/" + user + "/recommendations");
                    HttpResponse<String> viaB = b.get("/users/" + user + "/recommendations");
                    assertEquals(200, viaA.statusCode());
                    assertEquals(200, viaB.statusCode());
                    JsonNode listA = JSON.readTree(viaA.body());
                    JsonNode listB = JSON.readTree(viaB.body());
                    assertEquals(listA, listB, "both instances give the owner's answer");
                    assertFalse(listA.path("coldStart").asBoolean());
                    assertEquals(20, listA.path("items").size());
                    assertFalse(listA.path("items").get(0).path("reason").asText().isBlank());
                    owners.put(user, listA.path("servedBy").asText());
                }
                assertTrue(owners.containsValue(a.hostPort) && owners.containsValue(b.hostPort),
                        "users are spread over both instances: " + owners);
                String userOfB = owners.entrySet().stream().filter(e -> e.getValue().equals(b.hostPort))
                        .findFirst().orElseThrow().getKey();
                assertNotEquals(a.hostPort, b.hostPort);
                assertEquals(b.hostPort, JSON.readTree(a.get("/users/" + userOfB + "/recommendations").body())
                        .path("servedBy").asText(), "A forwarded the call to B");

                // A user with no events gets a cold-start list from whichever instance owns the key. Like counts
                // reach every instance through a global store, asynchronously: wait until the likes above show.
                AppInstance.await(() -> {
                    try {
                        JsonNode cold = JSON.readTree(a.get("/users/nobody-yet/recommendations").body());
                        return cold.path("coldStart").asBoolean()
                                && cold.path("items").get(0).path("reason").asText().startsWith("cold start: popular in");
                    } catch (Exception e) {
                        return false;
                    }
                }, Duration.ofSeconds(30), () -> "a cold-start list led by liked songs; A answers "
                        + a.getQuietly("/users/nobody-yet/recommendations"));

                // Songs from the global store, on either instance.
                HttpResponse<String> song = b.get("/songs/song-3");
                assertEquals(200, song.statusCode());
                assertEquals("Song 3", JSON.readTree(song.body()).path("title").asText());
                HttpResponse<String> missing = a.get("/songs/no-such-song");
                assertEquals(404, missing.statusCode());
                assertEquals("song_not_found", JSON.readTree(missing.body()).path("error").asText());
                // "more like this" from the in-memory catalog, on either instance (#15)
                HttpResponse<String> similar = b.get("/songs/song-3/similar?limit=4");
                assertEquals(200, similar.statusCode(), similar.body());
                JsonNode near = JSON.readTree(similar.body());
                assertEquals(4, near.path("items").size(), similar.body());
                assertTrue(near.path("items").get(0).path("reason").asText().startsWith("sounds like Song 3"), similar.body());
                assertEquals(404, a.get("/songs/no-such-song/similar").statusCode());
                assertEquals("song_not_found", JSON.readTree(a.get("/songs/no-such-song/similar").body()).path("error").asText());
                assertEquals(400, a.get("/songs/song-3/similar?limit=0").statusCode());

                HttpResponse<String> health = a.get("/health");
                assertEquals(200, health.statusCode(), health.body());
                assertTrue(health.body().contains("RUNNING"), health.body());
                assertEquals(200, a.get("/openapi.yml").statusCode());
                assertEquals(200, a.get("/metrics").statusCode());

                // service credentials: without a token (or with a wrong one) only probes and metrics answer
                for (String path : List.of("/users/" + userOfB + "/recommendations", "/songs/song-3", "/songs/song-3/similar", "/openapi.yml", "/nope")) {
                    for (String auth : java.util.Arrays.asList(null, "Bearer wrong-token-0123456789abcdefgh", AppInstance.TOKEN)) {
                        HttpResponse<String> refused = a.get(path, auth);
                        assertEquals(401, refused.statusCode(), path + " with " + auth + ": " + refused.body());
                        JsonNode error = JSON.readTree(refused.body());
                        assertEquals("unauthorized", error.path("error").asText());
                        assertEquals(refused.headers().firstValue("X-Request-Id").orElse(""), error.path("requestId").asText());
                    }
                }
                assertEquals(200, a.get("/health", null).statusCode(), "probes need no token");
                assertEquals(200, a.get("/health/liveness", null).statusCode());
                assertEquals(200, a.get("/metrics", null).statusCode());
                // the previous token stays valid during a rotation, forwarding included (A -> B)
                HttpResponse<String> rotated = a.get("/users/" + userOfB + "/recommendations", "Bearer " + AppInstance.PREVIOUS_TOKEN);
                assertEquals(200, rotated.statusCode(), rotated.body());
                assertEquals(b.hostPort, JSON.readTree(rotated.body()).path("servedBy").asText());
                // errors in the shared shape, with the caller's request id carried through
                HttpResponse<String> unknownRoute = a.get("/no/such/route");
                assertEquals(404, unknownRoute.statusCode());
                assertEquals("not_found", JSON.readTree(unknownRoute.body()).path("error").asText());
                assertEquals(4, JSON.readTree(missing.body()).size(), missing.body());
            }
        }
    }
}
