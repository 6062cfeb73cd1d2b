package dev.timbre.recommendation.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.recommendation.it.AppInstance;
import dev.timbre.recommendation.it.ItTopics;
import dev.timbre.recommendation.it.SyntheticCatalog;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Prints a curl session against a real app (local broker + registry, 200 synthetic songs): alice's
 * cold-start list, a like, her updated list. The like goes straight to {@code user.events}, as ingest's
 * {@code POST /users/alice/events} would put it there.
 */
public final class CurlSessionDemo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        TestPlatform platform = TestPlatform.get();
        Instant t0 = Instant.now().minusSeconds(600);
        List<SongProfile> songs = SyntheticCatalog.songs(200, 21, t0);
        try (ItTopics topics = new ItTopics(platform)) {
            songs.forEach(topics::sendAsync);
            topics.flush();
            try (AppInstance app = AppInstance.start(topics, "demo-" + UUID.randomUUID().toString().substring(0, 8),
                    Files.createTempDirectory("rec-demo"))) {
                app.awaitRunning(Duration.ofMinutes(2));
                AppInstance.await(() -> app.catalog().size() == songs.size(), Duration.ofMinutes(2), "catalog");
                String base = "http://" + app.hostPort;
                // Someone else's likes make the cold start meaningful.
                like(topics, "bob", "song-7", t0.plusSeconds(1));
                like(topics, "carol", "song-7", t0.plusSeconds(2));
                like(topics, "carol", "song-12", t0.plusSeconds(3));
                Thread.sleep(3000);

                curl(base, "/users/alice/recommendations", 3);
                String songId = "song-42";
                System.out.println("$ curl -s -X POST $INGEST/users/alice/events -H 'Content-Type: application/json' "
                        + "-d '{\"songId\":\"" + songId + "\",\"type\":\"liked\"}'   # via ingest -> user.events");
                String eventId = like(topics, "alice", songId, Instant.now());
                AppInstance.await(() -> {
                    try {
                        return eventId.equals(JSON.readTree(get(base + "/users/alice/recommendations")).path("triggeredBy").asText());
                    } catch (Exception e) {
                        return false;
                    }
                }, Duration.ofSeconds(30), "alice's new list");
                curl(base, "/users/alice/recommendations", 3);
                // Like counts travel through a repartition and a global store: eventually consistent.
                AppInstance.await(() -> app.catalog().popularity().likes(songId) == 1, Duration.ofSeconds(30), "like count");
                curl(base, "/songs/" + songId, -1);
            }
        }
        System.exit(0);
    }

    private static String like(ItTopics topics, String user, String song, Instant at) throws Exception {
        String id = UUID.randomUUID().toString();
        topics.send(UserEvent.newBuilder().setEventId(id).setUserId(user).setSongId(song)
                .setType(UserEventType.LIKED).setTimestamp(at).build());
        return id;
    }

    private static void curl(String base, String path, int items) throws Exception {
        System.out.println("$ curl -s $RECOMMENDATION" + path + " | jq" + (items > 0 ? " '.items |= .[:" + items + "]'" : " 'del(.embedding)'"));
        JsonNode body = JSON.readTree(get(base + path));
        if (items > 0 && body.has("items")) {
            ArrayNode all = (ArrayNode) body.get("items");
            while (all.size() > items) {
                all.remove(all.size() - 1);
            }
        }
        if (body.isObject() && body.has("embedding")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("embedding");
        }
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + AppInstance.TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
