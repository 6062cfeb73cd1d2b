package dev.timbre.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbre.demo.catalog.CatalogSong;
import dev.timbre.demo.catalog.DemoCatalog;
import dev.timbre.demo.client.IngestClient;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product, end to end, on the real broker and registry: songs uploaded over HTTP flow through feature
 * extraction, classification and into the recommender; a user's likes change their list.
 */
@ExtendWith(KafkaPlatformExtension.class)
class PipelineEndToEndIT {
    private static RunningSystem system;
    private static final Map<String, String> topGenre = new LinkedHashMap<>();

    @BeforeAll
    static void ingestCatalog() {
        system = RunningSystem.get();
        DemoSession session = system.session();
        List<CatalogSong> catalog = DemoCatalog.synthetic(2, 6.0, 11);
        List<String> ids = session.ingest(catalog, Duration.ofMinutes(8));
        Map<String, String> stages = session.awaitFinalStages(ids, Duration.ofMinutes(1));
        stages.forEach((id, stage) -> assertEquals("RECOMMENDABLE", stage, "song " + id));
        for (String id : ids) {
            JsonNode status = system.ingest.songStatus(system.keys.of("admin"), id).orThrow("status");
            topGenre.put(id, status.path("topGenre").asText());
        }
        for (int i = 0; i < ids.size(); i++) {
            filed.put(ids.get(i), catalog.get(i).intendedGenre());
        }
    }

    private static final Map<String, String> filed = new LinkedHashMap<>();

    @Test
    void theTaxonomyIsTheModelsFromClassificationToRecommendations() {
        // every song is labelled with one of the served model's three genres, whatever it was filed under
        assertTrue(RunningSystem.MODEL_GENRES.containsAll(topGenre.values()), topGenre.toString());
        // the synthetic songs of the model's own genres have known answers
        filed.forEach((id, genre) -> {
            if (RunningSystem.MODEL_GENRES.contains(genre)) {
                assertEquals(genre, topGenre.get(id), "song " + id + " filed as " + genre);
            }
        });
        String key = system.keys.of("erin");
        JsonNode list = system.session().awaitListAfter(key, "erin", like(key, "erin", topGenre.keySet().iterator().next()),
                Duration.ofSeconds(60));
        for (JsonNode item : list.path("items")) {
            assertTrue(RunningSystem.MODEL_GENRES.contains(item.path("genre").asText()), item.toString());
        }
    }

    @Test
    void likesReshapeTheUsersList() {
        String user = "alice";
        String key = system.keys.of(user);
        DemoSession session = system.session();
        List<String> songs = new ArrayList<>(topGenre.keySet());

        String firstLike = songs.get(0);
        String firstGenre = topGenre.get(firstLike);
        JsonNode afterOne = session.awaitListAfter(key, user,
                like(key, user, firstLike), Duration.ofSeconds(60));
        assertFalse(afterOne.path("coldStart").asBoolean(), "a user with a like is no longer cold");
        assertTrue(afterOne.path("items").size() > 0, "a list is produced: " + afterOne);
        assertFalse(songIds(afterOne).contains(firstLike), "the liked song is not recommended back");
        assertEquals(firstGenre, afterOne.path("items").get(0).path("genre").asText(),
                "same genre first: " + afterOne);
        for (JsonNode item : afterOne.path("items")) {
            assertFalse(item.path("reason").asText().isBlank(), "every item is explained: " + item);
        }

        // two likes of another genre outweigh the first one: that genre now leads the list
        List<String> other = songs.stream().filter(id -> !topGenre.get(id).equals(firstGenre)).toList();
        String secondGenre = topGenre.get(other.get(0));
        List<String> sameSecond = other.stream().filter(id -> topGenre.get(id).equals(secondGenre)).toList();
        String lastEvent = null;
        for (String id : sameSecond.subList(0, Math.min(2, sameSecond.size()))) {
            lastEvent = like(key, user, id);
        }
        JsonNode afterMore = session.awaitListAfter(key, user, lastEvent, Duration.ofSeconds(60));
        assertEquals(secondGenre, afterMore.path("items").get(0).path("genre").asText(),
                "the genre liked most now comes first: " + afterMore);
        Set<String> recommended = songIds(afterMore);
        assertFalse(recommended.contains(firstLike));
        sameSecond.subList(0, Math.min(2, sameSecond.size())).forEach(id -> assertFalse(recommended.contains(id)));
        assertNotEquals(songIds(afterOne), recommended, "the list changed");
    }

    @Test
    void aUserCannotReadSomeoneElsesList() {
        IngestClient.Reply reply = system.ingest.recommendations(system.keys.of("bob"), "alice");
        assertEquals(403, reply.status(), reply.raw());
    }

    private static String like(String key, String user, String songId) {
        return system.ingest.postEvent(key, user, songId, "liked", null).orThrow("like").path("eventId").asText();
    }

    private static Set<String> songIds(JsonNode list) {
        Set<String> ids = new HashSet<>();
        list.path("items").forEach(item -> ids.add(item.path("songId").asText()));
        return ids;
    }
}
