package dev.timbre.recommendation.candidates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * Exact search: one dot product per song over a contiguous array of unit vectors. The reference for
 * recall measurements, and the fastest choice for small catalogs (no graph to maintain).
 */
public final class BruteForceIndex implements CandidateIndex {

    /** Worst first, so the heap's head is the one to evict; ties: larger songId is worse. */
    static final Comparator<Candidate> WORST_FIRST = Comparator.comparingDouble(Candidate::similarity)
            .thenComparing(Candidate::songId, Comparator.reverseOrder());

    private final int dimensions;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Integer> slots = new HashMap<>();
    private float[] vectors;
    private String[] ids;
    private int size;

    public BruteForceIndex(int dimensions) {
        this.dimensions = dimensions;
        this.vectors = new float[dimensions * 1024];
        this.ids = new String[1024];
    }

    public int dimensions() {
        return dimensions;
    }

    @Override
    public void upsert(String songId, float[] vector) {
        checkDimensions(vector);
        float[] unit = VectorMath.normalized(vector);
        lock.writeLock().lock();
        try {
            Integer slot = slots.get(songId);
            if (slot == null) {
                if (size == ids.length) {
                    ids = Arrays.copyOf(ids, size * 2);
                    vectors = Arrays.copyOf(vectors, size * 2 * dimensions);
                }
                slot = size++;
                slots.put(songId, slot);
                ids[slot] = songId;
            }
            System.arraycopy(unit, 0, vectors, slot * dimensions, dimensions);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void remove(String songId) {
        lock.writeLock().lock();
        try {
            Integer slot = slots.remove(songId);
            if (slot == null) {
                return;
            }
            int last = --size;
            if (slot != last) {
                // Move the last song into the hole to keep the array dense.
                ids[slot] = ids[last];
                System.arraycopy(vectors, last * dimensions, vectors, slot * dimensions, dimensions);
                slots.put(ids[slot], slot);
            }
            ids[last] = null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<Candidate> topK(float[] query, int k, Predicate<String> filter) {
        checkDimensions(query);
        if (k <= 0) {
            return List.of();
        }
        float[] q = VectorMath.normalized(query);
        PriorityQueue<Candidate> best = new PriorityQueue<>(k + 1, WORST_FIRST);
        lock.readLock().lock();
        try {
            for (int i = 0; i < size; i++) {
                double s = VectorMath.dot(q, vectors, i * dimensions);
                if (best.size() == k && s < best.peek().similarity()) {
                    continue;
                }
                String id = ids[i];
                if (!filter.test(id)) {
                    continue;
                }
                best.add(new Candidate(id, s));
                if (best.size() > k) {
                    best.poll();
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        List<Candidate> out = new ArrayList<>(best);
        out.sort(WORST_FIRST.reversed());
        return out;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkDimensions(float[] v) {
        if (v.length != dimensions) {
            throw new IllegalArgumentException("vector has " + v.length + " dimensions, index expects " + dimensions);
        }
    }
}
