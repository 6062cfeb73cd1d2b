package dev.timbre.recommendation.candidates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Unfiltered nearest neighbours of catalog songs, shared by every user: a user's recently liked songs
 * rarely change from one event to the next, so their neighbour queries (5 of the 6 index queries of a
 * ranking) are answered from here. Each entry keeps the similarity of its last neighbour (its floor);
 * a new song evicts exactly the entries it would enter (similarity ≥ floor), a changed or removed song
 * clears the cache. Bounded: at {@code capacity} entries the cache starts over.
 */
public final class NeighbourCache {

    /** Neighbours of one song, best first; {@code floor} = −∞ when they are the whole catalog. */
    private record Entry(float[] of, String[] ids, double[] similarities, double floor) {
    }

    private final CandidateIndex index;
    private final int capacity;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    public NeighbourCache(CandidateIndex index, int capacity) {
        this.index = index;
        this.capacity = capacity;
    }

    /**
     * The {@code k} songs nearest to {@code songId} (whose unit embedding is {@code unit}) that pass
     * {@code filter}, best first: the cached unfiltered top {@code 2k}, filtered; a direct filtered query
     * when fewer than {@code k} of those pass.
     */
    public List<Candidate> nearest(String songId, float[] unit, int k, Predicate<String> filter) {
        int fetch = 2 * k;
        Entry e = capacity > 0 ? entries.get(songId) : null;
        if (e == null || e.ids.length < Math.min(fetch, index.size()) && e.floor != Double.NEGATIVE_INFINITY) {
            long before = version.get();
            List<Candidate> found = index.topK(unit, fetch, id -> true);
            String[] ids = new String[found.size()];
            double[] sims = new double[found.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = found.get(i).songId();
                sims[i] = found.get(i).similarity();
            }
            double floor = ids.length < fetch ? Double.NEGATIVE_INFINITY : sims[ids.length - 1];
            e = new Entry(unit, ids, sims, floor);
            if (capacity > 0) {
                if (entries.size() >= capacity) {
                    entries.clear();
                }
                entries.put(songId, e);
                if (version.get() != before) {
                    entries.remove(songId); // the catalog changed while we searched: do not keep a stale entry
                }
            }
        }
        List<Candidate> out = new ArrayList<>(k);
        for (int i = 0; i < e.ids.length && out.size() < k; i++) {
            if (filter.test(e.ids[i])) {
                out.add(new Candidate(e.ids[i], e.similarities[i]));
            }
        }
        if (out.size() < k && e.floor != Double.NEGATIVE_INFINITY) {
            return index.topK(unit, k, filter); // too many of the nearest are excluded for this user
        }
        return out;
    }

    /** A song that was not in the catalog was added (unit embedding): evict the entries it would enter. */
    public void added(float[] unit) {
        version.incrementAndGet();
        entries.values().removeIf(e -> VectorMath.dot(e.of, unit) >= e.floor);
    }

    /** A song changed or left: every entry may hold it. */
    public void invalidateAll() {
        version.incrementAndGet();
        entries.clear();
    }

    public int size() {
        return entries.size();
    }
}
