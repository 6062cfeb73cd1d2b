package dev.timbre.recommendation.candidates;

/**
 * A binary heap of (node, distance) pairs in two primitive arrays: the HNSW search pushes and pops thousands of
 * these per query, and boxed {@code PriorityQueue} entries were most of that search's cost. {@code maxOnTop}
 * selects the order: a max-heap keeps the worst of the best-so-far on top, a min-heap the next node to expand.
 */
final class NodeHeap {

    private final boolean maxOnTop;
    private int[] nodes;
    private float[] distances;
    private int size;

    NodeHeap(boolean maxOnTop, int capacity) {
        this.maxOnTop = maxOnTop;
        this.nodes = new int[Math.max(4, capacity)];
        this.distances = new float[nodes.length];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    int topNode() {
        return nodes[0];
    }

    float topDistance() {
        return distances[0];
    }

    void push(int node, float distance) {
        if (size == nodes.length) {
            nodes = java.util.Arrays.copyOf(nodes, size * 2);
            distances = java.util.Arrays.copyOf(distances, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!above(distance, distances[parent])) {
                break;
            }
            nodes[i] = nodes[parent];
            distances[i] = distances[parent];
            i = parent;
        }
        nodes[i] = node;
        distances[i] = distance;
    }

    /** Removes the top entry; read it first with {@link #topNode()} / {@link #topDistance()}. */
    void pop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        int node = nodes[last];
        float distance = distances[last];
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && above(distances[right], distances[child])) {
                child = right;
            }
            if (!above(distances[child], distance)) {
                break;
            }
            nodes[i] = nodes[child];
            distances[i] = distances[child];
            i = child;
        }
        nodes[i] = node;
        distances[i] = distance;
    }

    /** Whether {@code a} belongs nearer the top than {@code b}. */
    private boolean above(float a, float b) {
        return maxOnTop ? a > b : a < b;
    }
}
