package dev.timbre.recommendation.ranking;

import dev.timbre.recommendation.candidates.RandomVectors;
import dev.timbre.recommendation.candidates.VectorMath;
import dev.timbre.recommendation.catalog.SongEntry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lazy MMR picks exactly what the textbook greedy (every redundancy recomputed per pick) picks. */
class DiversifierTest {

    private static final List<String> GENRES = List.of("jazz", "rock", "pop");

    @Test
    void lazyGreedyPicksWhatEagerGreedyPicks() {
        Random r = new Random(3);
        RandomVectors gen = new RandomVectors(4, 16, 6); // clustered: near-duplicates make MMR matter
        int lists = 0;
        for (int trial = 0; trial < 300; trial++) {
            int candidates = 5 + r.nextInt(120);
            List<ScoredSong> ranked = new ArrayList<>();
            for (int i = 0; i < candidates; i++) {
                String genre = GENRES.get(r.nextInt(GENRES.size()));
                String artist = r.nextInt(4) == 0 ? "Unknown artist" : "artist-" + r.nextInt(8);
                String album = r.nextInt(3) == 0 ? null : "album-" + r.nextInt(3);
                SongEntry song = new SongEntry("s" + i, "t" + i, artist, album, genre, GENRES, new float[3],
                        VectorMath.normalized(gen.next()));
                // Scores on a coarse grid so that ties happen; affinity by genre, one genre without affinity.
                double score = Math.round(r.nextDouble() * 20) / 20.0;
                double affinity = genre.equals("pop") ? 0 : genre.equals("jazz") ? 0.6 : 0.4;
                ranked.add(new ScoredSong(song, score, affinity, score, null, -1));
            }
            ranked.sort(Comparator.comparingDouble(ScoredSong::genreAffinity).reversed()
                    .thenComparing(ScoredSong::genreGroup)
                    .thenComparing(Comparator.comparingDouble(ScoredSong::score).reversed())
                    .thenComparing(s -> s.song().songId()));
            double lambda = new double[] {0.0, 0.3, 0.7, 1.0}[trial % 4];
            int n = 1 + r.nextInt(25);
            int maxPerArtist = r.nextInt(4);
            int maxPerAlbum = r.nextInt(3);
            List<String> lazy = ids(Diversifier.pick(ranked, n, lambda, maxPerArtist, maxPerAlbum));
            List<String> eager = ids(eager(ranked, n, lambda, maxPerArtist, maxPerAlbum));
            assertEquals(eager, lazy, "trial " + trial);
            lists += lazy.size() > 1 ? 1 : 0;
        }
        assertTrue(lists > 200, "most trials pick several songs: " + lists);
    }

    private static List<String> ids(List<ScoredSong> songs) {
        return songs.stream().map(s -> s.song().songId()).toList();
    }

    /** The reference: per group, per pick, every candidate's value with its redundancy recomputed from scratch. */
    private static List<ScoredSong> eager(List<ScoredSong> ranked, int n, double lambda, int maxPerArtist, int maxPerAlbum) {
        List<ScoredSong> picked = new ArrayList<>();
        Map<String, Integer> perArtist = new HashMap<>();
        Map<String, Integer> perAlbum = new HashMap<>();
        int start = 0;
        while (start < ranked.size() && picked.size() < n) {
            int end = start;
            while (end < ranked.size() && Objects.equals(ranked.get(end).genreGroup(), ranked.get(start).genreGroup())) {
                end++;
            }
            List<ScoredSong> group = new ArrayList<>(ranked.subList(start, end));
            while (!group.isEmpty() && picked.size() < n) {
                ScoredSong best = null;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (ScoredSong c : group) {
                    String artist = c.song().artistKnown() ? c.song().artist() : null;
                    String album = c.song().albumKnown() ? artist + "/" + c.song().album() : null;
                    if (over(perArtist, artist, maxPerArtist) || over(perAlbum, album, maxPerAlbum)) {
                        continue;
                    }
                    double redundancy = 0;
                    for (ScoredSong p : picked) {
                        redundancy = Math.max(redundancy, VectorMath.dot(p.song().embedding(), c.song().embedding()));
                    }
                    double value = lambda * c.score() - (1 - lambda) * (lambda < 1 ? redundancy : 0);
                    if (value > bestValue) {
                        bestValue = value;
                        best = c;
                    }
                }
                if (best == null) {
                    break;
                }
                group.remove(best);
                picked.add(best);
                String artist = best.song().artistKnown() ? best.song().artist() : null;
                if (artist != null) {
                    perArtist.merge(artist, 1, Integer::sum);
                }
                if (best.song().albumKnown()) {
                    perAlbum.merge(artist + "/" + best.song().album(), 1, Integer::sum);
                }
            }
            start = end;
        }
        return picked;
    }

    private static boolean over(Map<String, Integer> counts, String key, int max) {
        return key != null && max > 0 && counts.getOrDefault(key, 0) >= max;
    }
}
