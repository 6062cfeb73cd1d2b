package dev.timbre.recommendation.it;

import dev.timbre.recommendation.candidates.RandomVectors;
import dev.timbre.schema.classification.SongProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic song profiles with clustered embeddings, genre following the cluster. */
public final class SyntheticCatalog {

    public static final List<String> GENRES = List.of("blues", "classical", "country", "disco", "hiphop",
            "jazz", "metal", "pop", "reggae", "rock");

    private SyntheticCatalog() {
    }

    public static List<SongProfile> songs(int n, long seed, Instant at) {
        Random random = new Random(seed);
        RandomVectors[] perGenre = new RandomVectors[GENRES.size()];
        for (int g = 0; g < perGenre.length; g++) {
            perGenre[g] = new RandomVectors(seed * 31 + g, 64, 1);
        }
        List<SongProfile> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int g = random.nextInt(GENRES.size());
            List<Float> dist = new ArrayList<>();
            for (int j = 0; j < GENRES.size(); j++) {
                dist.add(j == g ? 0.7f : 0.3f / (GENRES.size() - 1));
            }
            List<Float> emb = new ArrayList<>(64);
            for (float x : perGenre[g].next()) {
                emb.add(x);
            }
            out.add(SongProfile.newBuilder()
                    .setSongId("song-" + i)
                    .setTitle("Song " + i)
                    .setArtist("Artist " + (i % (n / 3 + 1)))
                    .setAlbum("Album " + (i % (n / 2 + 1)))
                    .setGenres(GENRES).setGenreDistribution(dist).setTopGenre(GENRES.get(g))
                    .setMeanEmbedding(emb).setWindowCount(10).setExpectedWindows(10)
                    .setModelVersion("synthetic").setUpdatedAt(at)
                    .build());
        }
        return out;
    }
}
