package dev.timbre.recommendation.ranking;

import dev.timbre.recommendation.candidates.VectorMath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the final list from the ranked candidates, genre group by genre group (so genre stays the
 * first-order signal): within a group, maximal marginal relevance (λ·score − (1−λ)·max similarity to
 * songs already picked) and at most {@code maxPerArtist} / {@code maxPerAlbum} songs per artist / album.
 * Caps apply to <em>known</em> artists and albums only: a blank tag or a placeholder such as "Unknown artist"
 * says nothing about who made the song, so untagged songs are not capped as if they were one artist
 * (an untagged catalog would otherwise yield a 3-item list).
 */
final class Diversifier {

    private Diversifier() {
    }

    static List<ScoredSong> pick(List<ScoredSong> ranked, int n, double lambda, int maxPerArtist, int maxPerAlbum) {
        List<ScoredSong> picked = new ArrayList<>(n);
        Map<String, Integer> perArtist = new HashMap<>();
        Map<AlbumKey, Integer> perAlbum = new HashMap<>();
        boolean diversify = lambda < 1; // λ = 1: the redundancy term is 0, skip its dot products
        int start = 0;
        while (start < ranked.size() && picked.size() < n) {
            int end = start;
            String group = ranked.get(start).genreGroup();
            while (end < ranked.size() && Objects.equals(ranked.get(end).genreGroup(), group)) {
                end++;
            }
            int size = end - start;
            boolean[] taken = new boolean[size];
            String[] artists = new String[size];
            AlbumKey[] albums = new AlbumKey[size];
            for (int i = 0; i < size; i++) {
                artists[i] = artistKey(ranked.get(start + i));
                albums[i] = albumKey(ranked.get(start + i));
            }
            // Max similarity of each candidate to the songs picked so far, brought up to date lazily: it only grows
            // as songs are picked, so a stale value is an upper bound of the candidate's MMR value, and only the
            // candidate on top needs its dot products with the songs picked since it was last updated (lazy greedy:
            // the same picks as recomputing everything, a fraction of the dot products).
            double[] redundancy = new double[size];
            int[] upTo = new int[size]; // redundancy[i] covers picked.get(0 … upTo[i] − 1)
            int left = size;
            while (left > 0 && picked.size() < n) {
                int best = -1;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < size; i++) {
                    if (taken[i]) {
                        continue;
                    }
                    double value = lambda * ranked.get(start + i).score() - (1 - lambda) * redundancy[i];
                    // strict: ties keep the ranking order; the caps (map lookups) only for a would-be best
                    if (value > bestValue && !capped(perArtist, artists[i], maxPerArtist)
                            && !capped(perAlbum, albums[i], maxPerAlbum)) {
                        bestValue = value;
                        best = i;
                    }
                }
                if (best < 0) {
                    break; // everything left in this group is capped
                }
                if (diversify && upTo[best] < picked.size()) {
                    float[] e = ranked.get(start + best).song().embedding();
                    double r = redundancy[best];
                    for (int j = upTo[best]; j < picked.size(); j++) {
                        r = Math.max(r, VectorMath.dot(picked.get(j).song().embedding(), e));
                    }
                    redundancy[best] = r;
                    upTo[best] = picked.size();
                    continue; // its value may have dropped below another candidate's bound: choose again
                }
                taken[best] = true;
                left--;
                ScoredSong chosen = ranked.get(start + best);
                picked.add(chosen);
                count(perArtist, artists[best]);
                count(perAlbum, albums[best]);
            }
            start = end;
        }
        return picked;
    }

    /** The artist to cap by, or null when the song's artist is not known. */
    private static String artistKey(ScoredSong s) {
        return s.song().artistKnown() ? s.song().artist().trim() : null; // trim() of a trimmed tag is the tag itself
    }

    /** Albums are only unique per artist ("Greatest Hits"); null when the album is not known. */
    private static AlbumKey albumKey(ScoredSong s) {
        return s.song().albumKnown() ? new AlbumKey(artistKey(s), s.song().album().trim()) : null;
    }

    private record AlbumKey(String artist, String album) {
    }

    private static <K> boolean capped(Map<K, Integer> counts, K key, int max) {
        return key != null && max > 0 && counts.getOrDefault(key, 0) >= max;
    }

    private static <K> void count(Map<K, Integer> counts, K key) {
        if (key != null) {
            counts.merge(key, 1, Integer::sum);
        }
    }
}
