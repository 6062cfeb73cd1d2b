package dev.timbre.recommendation.candidates;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A hierarchical navigable small-world graph (Malkov &amp; Yashunin, 2016) over unit vectors, distance
 * {@code 1 − dot}, kept in primitive arrays. Why our own: one ranking searches for 200 candidates (ef ≥ 225) per
 * user event, and in jelmerk/hnswlib most of that search was boxing, object priority queues and pooled visited
 * sets rather than the ≈ 3 000 distance computations themselves (see the README's profile).
 * <ul>
 *   <li>Level 0 links live in one flat {@code int[]} ({@code [count, n1 … n2M]} per node), upper levels per node;
 *       vectors are the caller's arrays (the catalog's unit embeddings), not copies.</li>
 *   <li>Neighbours are chosen with the paper's heuristic (a candidate is kept when it is closer to the new node
 *       than to every neighbour kept so far), which keeps clustered data navigable.</li>
 *   <li>Removal marks a node deleted: it still routes searches but is never returned. A changed vector is a
 *       removal plus a new node. Tombstones are few (songs rarely change) and cost only memory.</li>
 *   <li>Levels come from a seeded {@link Random} and inserts are serialised, so the same inserts in the same order
 *       build the same graph (deterministic results, as the exact index has).</li>
 *   <li>One writer at a time, any number of concurrent searches: a read-write lock; each searching thread has its
 *       own visited marks and heaps.</li>
 * </ul>
 */
final class HnswGraph {

    /** Nodes found by a search, nearest first. */
    record Hits(int[] nodes, float[] distances, int size) {
    }

    private final int dimensions;
    private final int m;
    private final int m0;
    private final int efConstruction;
    private final double levelFactor;
    private final Random levels = new Random(0x5EED);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    private float[][] vectors;
    /**
     * The vectors again as 8-bit codes, {@code dimensions} per node in one array, with one scale each: searches walk
     * the graph on these (one cache line per 64-d node instead of four, and the walk is bound by memory, not
     * arithmetic), then re-score what they found with the exact vectors.
     */
    private byte[] codes;
    private float[] scales;
    private String[] ids;
    private boolean[] deleted;
    /** Level-0 links: node × (m0 + 1) ints, the first the count. */
    private int[] level0;
    /** Links above level 0: {@code upper[node][level − 1]} = {@code [count, n1 … nM]}; null for level-0-only nodes. */
    private int[][][] upper;
    private final Map<String, Integer> nodeOf = new HashMap<>();
    private int size;
    private int entry = -1;
    private int topLevel = -1;

    HnswGraph(int dimensions, int m, int efConstruction, int initialCapacity) {
        if (m < 2) {
            throw new IllegalArgumentException("M must be at least 2, was " + m);
        }
        this.dimensions = dimensions;
        this.m = m;
        this.m0 = 2 * m;
        this.efConstruction = efConstruction;
        this.levelFactor = 1 / Math.log(m);
        int capacity = Math.max(16, initialCapacity);
        vectors = new float[capacity][];
        codes = new byte[capacity * dimensions];
        scales = new float[capacity];
        ids = new String[capacity];
        deleted = new boolean[capacity];
        level0 = new int[capacity * (m0 + 1)];
        upper = new int[capacity][][];
    }

    /** Live (not deleted) songs. */
    int size() {
        lock.readLock().lock();
        try {
            return nodeOf.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    String id(int node) {
        return ids[node]; // written once, before the node is linked (and published by the lock)
    }

    /** Adds or replaces {@code id}'s vector ({@code unit} must be unit length and is kept, not copied). */
    void upsert(String id, float[] unit) {
        if (unit.length != dimensions) {
            throw new IllegalArgumentException("vector has " + unit.length + " dimensions, index expects " + dimensions);
        }
        lock.writeLock().lock();
        try {
            Integer old = nodeOf.get(id);
            if (old != null) {
                if (Arrays.equals(vectors[old], unit)) {
                    return;
                }
                deleted[old] = true;
            }
            int node = size;
            if (node == vectors.length) {
                grow();
            }
            vectors[node] = unit;
            quantise(node, unit);
            ids[node] = id;
            size++;
            link(node);
            nodeOf.put(id, node);
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(String id) {
        lock.writeLock().lock();
        try {
            Integer node = nodeOf.remove(id);
            if (node != null) {
                deleted[node] = true;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The (about) {@code n} live nodes nearest to {@code unitQuery}, nearest first, searching with breadth
     * {@code max(ef, n)}.
     */
    Hits search(float[] unitQuery, int n, int ef) {
        lock.readLock().lock();
        try {
            if (entry < 0 || n <= 0) {
                return new Hits(new int[0], new float[0], 0);
            }
            Scratch s = scratch.get();
            int ep = entry;
            float epDistance = distance(unitQuery, ep);
            for (int level = topLevel; level > 0; level--) {
                ep = greedy(unitQuery, ep, epDistance, level);
                epDistance = distance(unitQuery, ep);
            }
            NodeHeap found = searchLevel(unitQuery, ep, approximateDistance(unitQuery, ep), Math.max(ef, n), 0, s, true);
            int[] nodes = new int[found.size()];
            float[] distances = new float[nodes.length];
            drainNearestFirst(found, nodes, distances);
            // The live nodes, re-scored exactly; re-scoring barely changes the order, so the sort does a few swaps.
            int live = 0;
            for (int node : nodes) {
                if (!deleted[node]) {
                    nodes[live] = node;
                    distances[live] = distance(unitQuery, node);
                    live++;
                }
            }
            sortByDistance(nodes, distances, live);
            return new Hits(nodes, distances, Math.min(live, n));
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---- construction

    private void link(int node) {
        float[] v = vectors[node];
        int level = (int) (-Math.log(1 - levels.nextDouble()) * levelFactor);
        if (level > 0) {
            upper[node] = new int[level][m + 1];
        }
        if (entry < 0) {
            entry = node;
            topLevel = level;
            return;
        }
        Scratch s = scratch.get();
        int ep = entry;
        float epDistance = distance(v, ep);
        for (int l = topLevel; l > level; l--) {
            ep = greedy(v, ep, epDistance, l);
            epDistance = distance(v, ep);
        }
        for (int l = Math.min(level, topLevel); l >= 0; l--) {
            NodeHeap found = searchLevel(v, ep, epDistance, efConstruction, l, s, false);
            int count = found.size();
            int[] candidates = new int[count];
            float[] distances = new float[count];
            drainNearestFirst(found, candidates, distances);
            int max = l == 0 ? m0 : m;
            int[] picked = pickNeighbours(candidates, distances, count, max);
            setLinks(node, l, picked);
            for (int neighbour : picked) {
                addLink(neighbour, node, l, max);
            }
            ep = candidates[0];
            epDistance = distances[0];
        }
        if (level > topLevel) {
            entry = node;
            topLevel = level;
        }
    }

    /** The paper's neighbour heuristic over candidates sorted nearest first. */
    private int[] pickNeighbours(int[] candidates, float[] distances, int count, int max) {
        int[] picked = new int[Math.min(max, count)];
        int n = 0;
        for (int i = 0; i < count && n < picked.length; i++) {
            int c = candidates[i];
            boolean keep = true;
            for (int j = 0; j < n && keep; j++) {
                keep = distance(vectors[c], picked[j]) > distances[i];
            }
            if (keep) {
                picked[n++] = c;
            }
        }
        return n == picked.length ? picked : Arrays.copyOf(picked, n);
    }

    /** Links {@code from → to} at {@code level}; a full list is re-chosen by the heuristic around {@code from}. */
    private void addLink(int from, int to, int level, int max) {
        int[] links = linkArray(from, level);
        int base = linkBase(from, level);
        int count = links[base];
        if (count < max) {
            links[base + 1 + count] = to;
            links[base] = count + 1;
            return;
        }
        int[] candidates = new int[count + 1];
        float[] distances = new float[count + 1];
        for (int i = 0; i < count; i++) {
            candidates[i] = links[base + 1 + i];
        }
        candidates[count] = to;
        float[] v = vectors[from];
        for (int i = 0; i <= count; i++) {
            distances[i] = distance(v, candidates[i]);
        }
        sortByDistance(candidates, distances, candidates.length);
        setLinks(from, level, pickNeighbours(candidates, distances, candidates.length, max));
    }

    /** Replaces {@code node}'s links at {@code level}. */
    private void setLinks(int node, int level, int[] neighbours) {
        int[] links = linkArray(node, level);
        int base = linkBase(node, level);
        links[base] = neighbours.length;
        System.arraycopy(neighbours, 0, links, base + 1, neighbours.length);
    }

    /** The array holding {@code node}'s links at {@code level}: {@code [count, n1 …]} from {@link #linkBase}. */
    private int[] linkArray(int node, int level) {
        return level == 0 ? level0 : upper[node][level - 1];
    }

    private int linkBase(int node, int level) {
        return level == 0 ? node * (m0 + 1) : 0;
    }

    /** Empties a max-heap into {@code nodes} / {@code distances}, nearest first (it pops worst first). */
    private static void drainNearestFirst(NodeHeap heap, int[] nodes, float[] distances) {
        for (int i = heap.size() - 1; i >= 0; i--) {
            nodes[i] = heap.topNode();
            distances[i] = heap.topDistance();
            heap.pop();
        }
    }

    private void grow() {
        int capacity = vectors.length + (vectors.length >> 1);
        vectors = Arrays.copyOf(vectors, capacity);
        codes = Arrays.copyOf(codes, capacity * dimensions);
        scales = Arrays.copyOf(scales, capacity);
        ids = Arrays.copyOf(ids, capacity);
        deleted = Arrays.copyOf(deleted, capacity);
        level0 = Arrays.copyOf(level0, capacity * (m0 + 1));
        upper = Arrays.copyOf(upper, capacity);
    }

    // ---- search

    /** Greedy walk to the nearest node at {@code level} (upper levels: breadth 1). */
    private int greedy(float[] q, int ep, float epDistance, int level) {
        boolean moved = true;
        while (moved) {
            moved = false;
            int[] links = linkArray(ep, level); // an upper level: the node's own array, base 0
            for (int i = 1, n = links[0]; i <= n; i++) {
                int c = links[i];
                float d = distance(q, c);
                if (d < epDistance) {
                    epDistance = d;
                    ep = c;
                    moved = true;
                }
            }
        }
        return ep;
    }

    /** Best-first search of breadth {@code ef} at {@code level}; returns the scratch max-heap of the best found. */
    private NodeHeap searchLevel(float[] q, int ep, float epDistance, int ef, int level, Scratch s, boolean approximate) {
        int stamp = s.nextStamp(size);
        int[] visited = s.visited;
        NodeHeap next = s.next;
        NodeHeap best = s.best;
        next.clear();
        best.clear();
        visited[ep] = stamp;
        next.push(ep, epDistance);
        best.push(ep, epDistance);
        while (!next.isEmpty()) {
            int c = next.topNode();
            float cd = next.topDistance();
            if (cd > best.topDistance() && best.size() >= ef) {
                break;
            }
            next.pop();
            int[] links = linkArray(c, level);
            int base = linkBase(c, level);
            for (int i = base + 1, end = base + 1 + links[base]; i < end; i++) {
                int e = links[i];
                if (visited[e] == stamp) {
                    continue;
                }
                visited[e] = stamp;
                float d = approximate ? approximateDistance(q, e) : distance(q, e);
                if (best.size() < ef || d < best.topDistance()) {
                    next.push(e, d);
                    best.push(e, d);
                    if (best.size() > ef) {
                        best.pop();
                    }
                }
            }
        }
        return best;
    }

    /** Symmetric 8-bit codes: component × 127 / the vector's largest magnitude. */
    private void quantise(int node, float[] unit) {
        float max = 0;
        for (float x : unit) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max == 0 ? 0 : max / 127f;
        int base = node * dimensions;
        for (int i = 0; i < dimensions; i++) {
            codes[base + i] = (byte) (scale == 0 ? 0 : Math.round(unit[i] / scale));
        }
        scales[node] = scale;
    }

    /** {@code 1 − dot} against the node's 8-bit code (error ≈ 1e-3 for unit vectors: enough to steer the walk). */
    private float approximateDistance(float[] q, int node) {
        return 1f - VectorMath.dotCodes(q, codes, node * dimensions) * scales[node];
    }

    private float distance(float[] q, int node) {
        return 1f - VectorMath.dotFloat(q, vectors[node]);
    }

    private float distance(float[] a, float[] b) {
        return 1f - VectorMath.dotFloat(a, b);
    }

    /** Sorts the first {@code count} entries by distance (insertion sort: the lists are short and mostly ordered). */
    private static void sortByDistance(int[] nodes, float[] distances, int count) {
        for (int i = 1; i < count; i++) {
            int n = nodes[i];
            float d = distances[i];
            int j = i - 1;
            while (j >= 0 && distances[j] > d) {
                nodes[j + 1] = nodes[j];
                distances[j + 1] = distances[j];
                j--;
            }
            nodes[j + 1] = n;
            distances[j + 1] = d;
        }
    }

    /** Per-thread search state: visited marks by generation (no clearing between searches) and the two heaps. */
    private static final class Scratch {
        int[] visited = new int[0];
        int stamp;
        final NodeHeap next = new NodeHeap(false, 256);
        final NodeHeap best = new NodeHeap(true, 256);

        int nextStamp(int nodes) {
            if (visited.length < nodes) {
                visited = new int[Math.max(nodes, visited.length + (visited.length >> 1))];
                stamp = 0;
            }
            if (++stamp == Integer.MAX_VALUE) {
                Arrays.fill(visited, 0);
                stamp = 1;
            }
            return stamp;
        }
    }
}
