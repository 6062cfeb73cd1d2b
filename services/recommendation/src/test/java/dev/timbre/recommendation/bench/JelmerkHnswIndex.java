package dev.timbre.recommendation.bench;

import dev.timbre.recommendation.candidates.Candidate;
import dev.timbre.recommendation.candidates.CandidateIndex;
import dev.timbre.recommendation.candidates.FilteredTopK;
import dev.timbre.recommendation.candidates.VectorMath;

import com.github.jelmerk.hnswlib.core.DistanceFunction;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.NullProgressListener;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import com.github.jelmerk.hnswlib.core.hnsw.SizeLimitExceededException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The previous candidate index, kept as the benchmark's baseline: approximate search with an HNSW graph
 * (jelmerk/hnswlib, test scope only). Vectors are stored unit-length so the
 * inner-product distance is {@code 1 - cosine}. hnswlib has no filtered search, so filtered queries
 * over-fetch and widen until {@code k} songs pass the filter or the whole graph was returned.
 */
public final class JelmerkHnswIndex implements CandidateIndex {

    /** One song in the graph; the version lets a re-upsert replace the previous vector. */
    record SongVector(String id, float[] vector, long version) implements Item<String, float[]> {
        @Override
        public int dimensions() {
            return vector.length;
        }
    }

    /** 1 − inner product (as hnswlib's FLOAT_INNER_PRODUCT) with {@link VectorMath#dotFloat}'s four accumulators. */
    static final DistanceFunction<float[], Float> INNER_PRODUCT = new InnerProduct();

    private static final class InnerProduct implements DistanceFunction<float[], Float> {
        private static final long serialVersionUID = 1L;

        @Override
        public Float distance(float[] u, float[] v) {
            return 1f - VectorMath.dotFloat(u, v);
        }
    }

    private final int dimensions;
    private final HnswIndex<String, float[], SongVector, Float> graph;
    private final AtomicLong versions = new AtomicLong();

    public JelmerkHnswIndex(int dimensions, int m, int efConstruction, int ef, int initialCapacity) {
        this.dimensions = dimensions;
        this.graph = HnswIndex.newBuilder(dimensions, INNER_PRODUCT, Math.max(16, initialCapacity))
                .withM(m)
                .withEfConstruction(efConstruction)
                .withEf(ef)
                .withRemoveEnabled()
                .build();
    }

    public JelmerkHnswIndex(int dimensions) {
        this(dimensions, DEFAULT_M, DEFAULT_EF_CONSTRUCTION, DEFAULT_EF, 1024);
    }

    /** Graph parameters from the README's benchmark: recall@20 ≥ 0.99 up to 100 k songs. */
    public static final int DEFAULT_M = 16;
    public static final int DEFAULT_EF_CONSTRUCTION = 100;
    public static final int DEFAULT_EF = 100;

    /** Bulk insert on {@code threads} threads (initial load, switch from brute force). */
    public void addAll(Map<String, float[]> vectors, int threads) {
        List<SongVector> items = new ArrayList<>(vectors.size());
        vectors.forEach((id, v) -> items.add(new SongVector(id, unit(v), versions.incrementAndGet())));
        synchronized (graph) {
            if (graph.getMaxItemCount() < graph.size() + items.size()) {
                graph.resize(graph.size() + items.size() + 1024);
            }
            try {
                graph.addAll(items, threads, NullProgressListener.INSTANCE, Integer.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building the HNSW graph", e);
            }
        }
    }

    @Override
    public void upsert(String songId, float[] vector) {
        if (vector.length != dimensions) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, index expects " + dimensions);
        }
        SongVector item = new SongVector(songId, unit(vector), versions.incrementAndGet());
        synchronized (graph) {
            try {
                graph.add(item);
            } catch (SizeLimitExceededException full) {
                graph.resize(graph.getMaxItemCount() * 2);
                graph.add(item);
            }
        }
    }

    /**
     * A unit vector for the graph: the caller's array itself when it already is one (the catalog's embeddings are
     * normalised once and never modified, so a second copy per song would only cost ≈ 270 bytes), else a copy.
     */
    private static float[] unit(float[] v) {
        double n = VectorMath.dot(v, v);
        return Math.abs(n - 1) < 1e-5 ? v : VectorMath.normalized(v);
    }

    @Override
    public void remove(String songId) {
        synchronized (graph) {
            graph.remove(songId, versions.incrementAndGet());
        }
    }

    @Override
    public List<Candidate> topK(float[] query, int k, Predicate<String> filter) {
        float[] q = VectorMath.normalized(query);
        return FilteredTopK.topK(k, graph.size(), filter, n -> {
            List<Candidate> out = new ArrayList<>(n);
            for (SearchResult<SongVector, Float> r : graph.findNearest(q, n)) {
                out.add(new Candidate(r.item().id(), 1.0 - r.distance()));
            }
            return out;
        });
    }

    /** Search breadth (recall vs latency); the graph itself is unchanged. */
    public void setEf(int ef) {
        graph.setEf(ef);
    }

    @Override
    public int size() {
        return graph.size();
    }
}
