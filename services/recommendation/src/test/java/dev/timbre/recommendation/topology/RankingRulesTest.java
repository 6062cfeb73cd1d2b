package dev.timbre.recommendation.topology;

import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.recommendation.taste.TasteState;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.recommendation.RecommendedItem;
import dev.timbre.schema.user.UserEventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.timbre.recommendation.topology.TopologyFixture.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ranking rules, end to end through the topology (events in, lists out). */
class RankingRulesTest {

    private TopologyFixture t;

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
    }

    /** A song whose cosine with axis 0 is {@code cos}, the rest on its own axis (so songs differ). */
    private static float[] at(double cos, int axis) {
        float[] v = vec();
        v[0] = (float) cos;
        v[axis] = (float) Math.sqrt(1 - cos * cos);
        return v;
    }

    private TopologyFixture fixture() {
        return fixture(TopologyFixture.defaults());
    }

    private TopologyFixture fixture(RecommendationConfig config) {
        t = new TopologyFixture(config);
        return t;
    }

    @Test
    void sameGenreComesFirstThenSimilarity() {
        fixture();
        t.song("A", "Blue in Green", "Miles", "jazz", vec(1));
        t.song("J1", "So What", "Miles", "jazz", at(0.5, 1));
        t.song("R1", "Paranoid", "Sabbath", "rock", at(0.99, 2));
        t.song("J2", "Naima", "Coltrane", "jazz", at(0.7, 3));

        t.like("u1", "A");

        // Jazz first even though the rock song is far closer; inside jazz, by similarity.
        assertEquals(List.of("J2", "J1", "R1"), t.ranked("u1"));
        RecommendationList list = t.storedList("u1");
        assertFalse(list.getColdStart());
        assertEquals(1, list.getItems().get(0).getRank());
        assertEquals("jazz", list.getItems().get(0).getGenre());
        assertEquals("rock", list.getItems().get(2).getGenre());
    }

    @Test
    void withinAGenreOrderIsBySimilarityAndReasonsNameTheLikedSong() {
        fixture();
        t.song("A", "Blue in Green", "Miles", "jazz", vec(1));
        t.song("J3", "Three", "C", "jazz", at(0.5, 3));
        t.song("J1", "One", "A", "jazz", at(0.9, 1));
        t.song("J2", "Two", "B", "jazz", at(0.7, 2));

        t.like("u1", "A");

        assertEquals(List.of("J1", "J2", "J3"), t.ranked("u1"));
        RecommendedItem first = t.storedList("u1").getItems().get(0);
        assertEquals("similar to Blue in Green you liked (0.90), jazz", first.getReason());
        assertEquals(0.9, first.getScore(), 1e-4);
        List<RecommendationList> published = t.lists.readValuesToList();
        assertEquals(1, published.size(), "one list per event");
        assertEquals(t.storedList("u1"), published.get(0), "the published list is the queryable one");
    }

    @Test
    void heardLikedAndSkippedSongsAreExcluded() {
        fixture();
        t.song("A", "A", "x", "jazz", vec(1));
        t.song("J1", "J1", "x", "jazz", at(0.9, 1));
        t.song("J2", "J2", "y", "jazz", at(0.8, 2));
        t.song("J3", "J3", "z", "jazz", at(0.7, 3));

        t.like("u1", "A");
        t.send("u1", "J1", UserEventType.LISTENED, 1.0f);
        t.send("u1", "J2", UserEventType.SKIPPED, 0.1f);

        assertEquals(List.of("J3"), t.ranked("u1"));
    }

    @Test
    void userWithoutUsableHistoryGetsTheMostLikedSongsPerGenre() {
        fixture();
        t.song("S1", "Jazz one", "a", "jazz", vec(1));
        t.song("S2", "Rock one", "b", "rock", at(0.1, 1));
        t.song("S3", "Rock two", "c", "rock", at(0.1, 2));
        t.song("S4", "Rock three", "d", "rock", at(0.1, 3));
        t.like("fan1", "S2");
        t.like("fan2", "S2");
        t.like("fan2", "S4");
        t.lists.readValuesToList();

        // Only a skip: nothing positive to rank by.
        t.send("newbie", "S3", UserEventType.SKIPPED, 0.05f);

        RecommendationList list = t.storedList("newbie");
        assertTrue(list.getColdStart());
        List<String> ids = list.getItems().stream().map(RecommendedItem::getSongId).toList();
        // Rock has the likes, so its most liked song leads; genres alternate; skipped S3 is out.
        assertEquals(List.of("S2", "S1", "S4"), ids);
        assertEquals("cold start: popular in rock (2 likes)", list.getItems().get(0).getReason());
        assertEquals("cold start: new in jazz", list.getItems().get(1).getReason());
        assertEquals("cold start: popular in rock (1 like)", list.getItems().get(2).getReason());
    }

    @Test
    void unlikeRemovesTheLikesInfluence() {
        fixture();
        t.song("A", "A", "x", "jazz", vec(1));
        t.song("B", "B", "y", "rock", at(0.0, 5));
        t.song("C1", "C1", "z", "jazz", at(0.8, 1));
        t.song("C2", "C2", "w", "rock", vec(0.2, 0, 0, 0, 0, 0.98));
        t.song("C3", "C3", "v", "jazz", at(0.6, 2));

        t.like("u1", "A");
        t.like("u1", "B");
        assertEquals("C2", t.ranked("u1").get(0), "the (more recent) rock like pulls its neighbour to the top");
        t.send("u1", "B", UserEventType.UNLIKED, null);

        // The same history without the like of B (B only heard).
        t.like("u2", "A");
        t.send("u2", "B", UserEventType.LISTENED, 0.0f);

        List<RecommendedItem> after = t.storedList("u1").getItems();
        List<RecommendedItem> reference = t.storedList("u2").getItems();
        assertEquals(reference.stream().map(RecommendedItem::getSongId).toList(),
                after.stream().map(RecommendedItem::getSongId).toList());
        for (int i = 0; i < after.size(); i++) {
            assertEquals(reference.get(i).getScore(), after.get(i).getScore(), 1e-6);
            assertEquals(reference.get(i).getReason(), after.get(i).getReason());
        }
        TasteState taste = t.taste("u1");
        assertFalse(taste.liked.containsKey("B"));
        assertEquals(List.of("A"), taste.recentLikes);
    }

    @Test
    void skipPushesTheTasteAwayFromTheSkippedSong() {
        fixture();
        t.song("A", "A", "x", "jazz", vec(1));
        t.song("C1", "C1", "y", "jazz", at(0.70, 1));
        t.song("C2", "C2", "z", "jazz", at(0.75, 2));
        t.song("D", "D", "w", "rock", at(0.0, 2));

        t.like("u1", "A");
        assertEquals(List.of("C2", "C1"), t.ranked("u1").subList(0, 2));

        t.send("u1", "D", UserEventType.SKIPPED, 0.1f);
        assertEquals(List.of("C1", "C2"), t.ranked("u1"), "C2 shares D's direction and drops");
    }

    @Test
    void replayedEventIdsAreCountedOnce() {
        fixture();
        t.song("A", "A", "x", "jazz", vec(1));
        t.song("J1", "J1", "y", "jazz", at(0.9, 1));

        var like = t.event("e-1", "u1", "A", UserEventType.LIKED, null);
        t.send(like);
        t.send(like); // redelivered
        t.send(like);

        assertEquals(1, t.lists.readValuesToList().size(), "replays produce no list");
        assertEquals(1, t.taste("u1").events);
        assertEquals(1L, t.likeCounts.readKeyValuesToMap().get("A"));
        assertEquals(1, t.catalog.popularity().likes("A"));

        // A second like with a new id is a no-op too: a song is liked or not.
        t.like("u1", "A");
        assertTrue(t.likeCounts.isEmpty());
    }

    @Test
    void artistCapAndMmrDiversifyTheList() {
        RecommendationConfig c = TopologyFixture.defaults().with(b -> b.maxPerArtist(2));
        fixture(c);
        t.song("A", "A", "x", "jazz", vec(1));
        t.song("Y1", "Y1", "Y", "jazz", at(0.90, 1));
        t.song("Y2", "Y2", "Y", "jazz", at(0.85, 2));
        t.song("Y3", "Y3", "Y", "jazz", at(0.80, 3));
        t.song("Z1", "Z1", "Z", "jazz", at(0.50, 4));
        t.like("u1", "A");
        assertEquals(List.of("Y1", "Y2", "Z1"), t.ranked("u1"));
        t.close();

        c = TopologyFixture.defaults().with(b -> b.mmrLambda(0.5));
        fixture(c);
        t.song("A", "A", "x", "jazz", vec(1));
        t.song("J1", "J1", "a", "jazz", vec(0.9, 0.436));
        t.song("J1bis", "J1 (live)", "b", "jazz", vec(0.89, 0.456));
        t.song("J3", "J3", "c", "jazz", at(0.8, 3));
        t.like("u1", "A");
        assertEquals(List.of("J1", "J3", "J1bis"), t.ranked("u1"), "the near-duplicate waits");
    }

    @Test
    void untaggedSongsAreNotCappedAsOneArtistOrAlbum() {
        fixture(); // max 3 per artist, 2 per album
        t.song("A", "A", null, null, "jazz", vec(1));
        String[] placeholders = {null, "", "  ", "Unknown artist", "unknown", "[Unknown Artist]", "N/A"};
        for (int i = 1; i <= 30; i++) {
            String tag = placeholders[i % placeholders.length];
            t.song("S" + i, "S" + i, tag, i % 2 == 0 ? "Unknown album" : null, "jazz", at(0.99 - i * 0.01, i));
        }
        // Three songs of one real artist among them: still capped at three.
        t.song("K1", "K1", "Known", "LP", "jazz", at(0.995, 40));
        t.song("K2", "K2", "Known", "LP", "jazz", at(0.994, 41));
        t.song("K3", "K3", "Known", "Other", "jazz", at(0.993, 42));
        t.song("K4", "K4", "Known", "Other", "jazz", at(0.992, 43));
        t.like("u1", "A");

        List<String> ranked = t.ranked("u1");
        assertEquals(t.config.topN(), ranked.size(), "an untagged catalog still fills the list: " + ranked);
        assertEquals(List.of("K1", "K2", "K3"), ranked.stream().filter(id -> id.startsWith("K")).toList(),
                "a known artist stays capped at 3 (and K1, K2 share an album: 2 per album)");
        assertEquals(17, ranked.stream().filter(id -> id.startsWith("S")).count());
    }
}
