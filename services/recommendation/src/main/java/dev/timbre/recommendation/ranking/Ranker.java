package dev.timbre.recommendation.ranking;

import dev.timbre.recommendation.candidates.Candidate;
import dev.timbre.recommendation.candidates.VectorMath;
import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.catalog.Popularity;
import dev.timbre.recommendation.catalog.SongEntry;
import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.recommendation.taste.TasteModel;
import dev.timbre.recommendation.taste.TasteState;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.recommendation.RecommendedItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Turns a taste into a top-N list. Candidates: nearest songs to the taste vector and to each recently
 * liked song, minus everything heard, liked or skipped. Ranking: genre affinity first (songs of the
 * user's strongest genre before the next genre), similarity score second; then MMR and per-artist /
 * per-album caps keep the list from being ten takes of the same track.
 */
public final class Ranker {

    private final Catalog catalog;
    private final RecommendationConfig config;

    public Ranker(Catalog catalog, RecommendationConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    /** The user's list: personalised when the taste is usable, else a cold start. */
    public RecommendationList recommend(String userId, TasteState taste, String triggeredBy, long computedAt) {
        return rank(userId, taste, triggeredBy, computedAt);
    }

    /**
     * {@link #recommend}, also recording in {@code taste.poolFloor} (when the taste is usable) how close a new
     * song must be to the taste vector to enter its candidates.
     */
    public RecommendationList rank(String userId, TasteState taste, String triggeredBy, long computedAt) {
        if (taste == null || !TasteModel.usable(taste)) {
            Predicate<String> allowed = taste == null ? id -> true : id -> !taste.excludes(id);
            return coldStart(userId, allowed, triggeredBy, computedAt);
        }
        List<ScoredSong> ranked = score(taste);
        List<ScoredSong> picked = Diversifier.pick(ranked, config.topN(), config.mmrLambda(),
                config.maxPerArtist(), config.maxPerAlbum());
        List<RecommendedItem> items = new ArrayList<>(picked.size());
        for (ScoredSong s : picked) {
            items.add(item(items.size() + 1, s.song(), s.score(), s.reason()));
        }
        return list(userId, items, false, triggeredBy, computedAt);
    }

    /** Most-liked songs per genre, for users with no usable history. */
    public RecommendationList coldStart(String userId, Predicate<String> allowed, String triggeredBy, long computedAt) {
        Predicate<String> known = id -> catalog.song(id) != null;
        List<Popularity.PopularSong> top = catalog.popularity().top(config.topN(), known.and(allowed));
        List<RecommendedItem> items = new ArrayList<>(top.size());
        for (Popularity.PopularSong p : top) {
            SongEntry song = catalog.song(p.songId());
            if (song == null) {
                continue;
            }
            String reason = p.likes() > 0
                    ? String.format(Locale.ROOT, "cold start: popular in %s (%d %s)", p.genre(), p.likes(),
                            p.likes() == 1 ? "like" : "likes")
                    : String.format(Locale.ROOT, "cold start: new in %s", p.genre());
            items.add(item(items.size() + 1, song, p.likes(), reason));
        }
        return list(userId, items, true, triggeredBy, computedAt);
    }

    /** Every candidate with its score and reason, in ranking order (genre affinity, then score). */
    List<ScoredSong> score(TasteState taste) {
        float[] tasteVector = VectorMath.normalized(taste.vector);
        Predicate<String> allowed = id -> !taste.excludes(id);
        List<SongEntry> likes = new ArrayList<>();
        for (String id : taste.recentLikes) {
            SongEntry liked = catalog.song(id);
            if (liked != null) {
                likes.add(liked);
            }
        }
        Map<String, SongEntry> pool = new LinkedHashMap<>();
        List<Candidate> byTaste = catalog.index().topK(tasteVector, config.candidatePool(), allowed);
        taste.poolFloor = byTaste.size() < config.candidatePool() ? -1 : byTaste.get(byTaste.size() - 1).similarity();
        collect(pool, byTaste);
        for (SongEntry liked : likes) {
            collect(pool, catalog.nearestTo(liked, config.candidatesPerLike(), allowed));
        }
        Map<String, Double> affinity = GenreAffinity.of(taste);
        List<ScoredSong> scored = new ArrayList<>(pool.size());
        int likeCount = likes.size();
        float[][] likeVectors = new float[likeCount][];
        for (int i = 0; i < likeCount; i++) {
            likeVectors[i] = likes.get(i).embedding();
        }
        for (SongEntry song : pool.values()) {
            float[] e = song.embedding();
            double toTaste = VectorMath.dot(tasteVector, e);
            int closest = -1;
            double toLike = -1;
            for (int i = 0; i < likeCount; i++) {
                double sim = VectorMath.dot(likeVectors[i], e);
                if (sim > toLike) {
                    toLike = sim;
                    closest = i;
                }
            }
            SongEntry closestLike = closest < 0 ? null : likes.get(closest);
            double score = closestLike == null ? toTaste : (toTaste + toLike) / 2;
            Double a = affinity.get(song.topGenre());
            scored.add(new ScoredSong(song, score, a == null ? 0.0 : a, toTaste, closestLike, toLike));
        }
        scored.sort(Comparator.comparingDouble(ScoredSong::genreAffinity).reversed()
                .thenComparing(ScoredSong::genreGroup)
                .thenComparing(Comparator.comparingDouble(ScoredSong::score).reversed())
                .thenComparing(s -> s.song().songId()));
        return scored;
    }

    private void collect(Map<String, SongEntry> pool, List<Candidate> found) {
        for (Candidate c : found) {
            SongEntry song = catalog.song(c.songId());
            if (song != null) {
                pool.putIfAbsent(c.songId(), song);
            }
        }
    }

    private static RecommendedItem item(int rank, SongEntry song, double score, String reason) {
        return RecommendedItem.newBuilder()
                .setRank(rank)
                .setSongId(song.songId())
                .setTitle(song.title())
                .setArtist(song.artist())
                .setGenre(song.topGenre())
                .setScore(score)
                .setReason(reason)
                .build();
    }

    private static RecommendationList list(String userId, List<RecommendedItem> items, boolean coldStart,
                                           String triggeredBy, long computedAt) {
        return RecommendationList.newBuilder()
                .setUserId(userId)
                .setItems(items)
                .setColdStart(coldStart)
                .setTriggeredBy(triggeredBy)
                .setComputedAt(Instant.ofEpochMilli(computedAt))
                .build();
    }
}
