package dev.timbre.recommendation.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;

/**
 * Like counts per song, ordered per genre, for cold-start lists. Written by the global-store thread
 * (catalog and like-count updates), read concurrently by stream and HTTP threads.
 */
public final class Popularity {

    /** A song's place in its genre: most liked first, then by songId for a stable order. */
    record Ranked(String songId, long likes) {
        static final Comparator<Ranked> ORDER = Comparator.comparingLong(Ranked::likes).reversed()
                .thenComparing(Ranked::songId);
    }

    /** One cold-start pick. */
    public record PopularSong(String songId, String genre, long likes) {
    }

    private final Map<String, Long> likes = new ConcurrentHashMap<>();
    private final Map<String, String> genreOf = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentSkipListSet<Ranked>> byGenre = new ConcurrentHashMap<>();
    private final Map<String, Long> genreLikes = new ConcurrentHashMap<>();

    public synchronized void setGenre(String songId, String genre) {
        String previous = genreOf.put(songId, genre);
        long count = likes.getOrDefault(songId, 0L);
        if (previous != null) {
            unlink(songId, previous, count);
        }
        link(songId, genre, count);
    }

    public synchronized void removeSong(String songId) {
        String genre = genreOf.remove(songId);
        if (genre != null) {
            unlink(songId, genre, likes.getOrDefault(songId, 0L));
        }
    }

    public synchronized void setLikes(String songId, long count) {
        long safe = Math.max(0, count);
        Long previous = likes.put(songId, safe);
        String genre = genreOf.get(songId);
        if (genre != null) {
            unlink(songId, genre, previous == null ? 0 : previous);
            link(songId, genre, safe);
        }
    }

    public long likes(String songId) {
        return likes.getOrDefault(songId, 0L);
    }

    /**
     * Up to {@code n} songs passing {@code filter}: the most liked of each genre in turn, genres in
     * order of their total likes, so a newcomer sees the breadth of the catalog.
     */
    public List<PopularSong> top(int n, Predicate<String> filter) {
        List<String> genres = new ArrayList<>(byGenre.keySet());
        genres.sort(Comparator.comparing((String g) -> genreLikes.getOrDefault(g, 0L)).reversed()
                .thenComparing(Comparator.naturalOrder()));
        List<Iterator<Ranked>> cursors = new ArrayList<>();
        for (String g : genres) {
            cursors.add(byGenre.get(g).iterator());
        }
        List<PopularSong> out = new ArrayList<>(n);
        boolean progress = true;
        while (out.size() < n && progress) {
            progress = false;
            for (int i = 0; i < cursors.size() && out.size() < n; i++) {
                Iterator<Ranked> it = cursors.get(i);
                while (it.hasNext()) {
                    Ranked r = it.next();
                    if (filter.test(r.songId())) {
                        out.add(new PopularSong(r.songId(), genres.get(i), r.likes()));
                        progress = true;
                        break;
                    }
                }
            }
        }
        return out;
    }

    private void link(String songId, String genre, long count) {
        byGenre.computeIfAbsent(genre, g -> new ConcurrentSkipListSet<>(Ranked.ORDER)).add(new Ranked(songId, count));
        genreLikes.merge(genre, count, Long::sum);
    }

    private void unlink(String songId, String genre, long count) {
        ConcurrentSkipListSet<Ranked> set = byGenre.get(genre);
        if (set != null) {
            set.remove(new Ranked(songId, count));
            if (set.isEmpty()) {
                byGenre.remove(genre);
            }
        }
        genreLikes.merge(genre, -count, Long::sum);
    }
}
