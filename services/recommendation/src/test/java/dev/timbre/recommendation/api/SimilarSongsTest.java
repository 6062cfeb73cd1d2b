package dev.timbre.recommendation.api;

import dev.timbre.recommendation.candidates.BruteForceIndex;
import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.catalog.SongEntry;
import dev.timbre.schema.classification.SongProfile;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimilarSongsTest {
    private static final int DIMS = 4;

    private final Catalog catalog = new Catalog(DIMS, new BruteForceIndex(DIMS));
    private final SimilarSongs similar = new SimilarSongs(catalog);

    private void add(String id, String genre, float... embedding) {
        List<Float> emb = new java.util.ArrayList<>();
        for (float x : embedding) {
            emb.add(x);
        }
        catalog.upsert(SongEntry.from(SongProfile.newBuilder().setSongId(id).setTitle("Title " + id).setArtist(null)
                .setAlbum(null).setGenres(List.of("jazz", "rock")).setGenreDistribution(List.of(0.5f, 0.5f))
                .setTopGenre(genre).setMeanEmbedding(emb).setWindowCount(1).setExpectedWindows(1).setModelVersion("t")
                .setUpdatedAt(Instant.EPOCH).build(), DIMS));
    }

    @Test
    void nearestByEmbeddingSameGenreFirstWithScoresAndReasons() {
        add("q", "jazz", 1, 0, 0, 0);
        add("rock-closest", "rock", 0.99f, 0.1f, 0, 0);
        add("jazz-near", "jazz", 0.8f, 0.6f, 0, 0);
        add("jazz-far", "jazz", 0.1f, 0, 1, 0);
        add("rock-far", "rock", 0, 0, 0, 1);

        SimilarSongs.Result result = similar.similar("q", 10).orElseThrow();
        assertEquals("jazz", result.genre());
        List<String> ids = result.items().stream().map(SimilarSongs.Item::songId).toList();
        assertEquals(List.of("jazz-near", "jazz-far", "rock-closest", "rock-far"), ids,
                "same genre first, then by similarity; never the song itself");
        SimilarSongs.Item first = result.items().get(0);
        assertEquals(1, first.rank());
        assertEquals(0.8, first.score(), 1e-3);
        assertTrue(first.sameGenre());
        assertEquals("sounds like Title q (0.80), same genre: jazz", first.reason());
        SimilarSongs.Item rock = result.items().get(2);
        assertFalse(rock.sameGenre());
        assertTrue(rock.score() > first.score(), "the rock song is closer but comes after the jazz ones");
        assertEquals("sounds like Title q (0.99), rock", rock.reason());
    }

    @Test
    void limitAndUnknownSongs() {
        for (int i = 0; i < 30; i++) {
            add("s" + i, i % 2 == 0 ? "jazz" : "rock", 1, i / 30f, 0, 0);
        }
        assertEquals(5, similar.similar("s0", 5).orElseThrow().items().size());
        assertEquals(29, similar.similar("s0", 100).orElseThrow().items().size(), "every other song, at most");
        assertTrue(similar.similar("nope", 5).isEmpty());
    }
}
