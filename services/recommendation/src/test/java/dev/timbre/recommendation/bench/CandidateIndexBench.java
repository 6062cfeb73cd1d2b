package dev.timbre.recommendation.bench;

import dev.timbre.recommendation.candidates.BruteForceIndex;
import dev.timbre.recommendation.candidates.Candidate;
import dev.timbre.recommendation.candidates.HnswCandidateIndex;
import dev.timbre.recommendation.candidates.RandomVectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Brute force vs HNSW over clustered 64-d vectors: build time, query latency (p50/p99, k = 20 and
 * k = 200, the candidate pool), recall@k of HNSW against the exact answer. Sizes from the first
 * argument (comma-separated, default 10000,100000,1000000).
 */
public final class CandidateIndexBench {

    private static final int DIM = 64;
    private static final int QUERIES = 200;

    public static void main(String[] args) {
        String sizes = args.length > 0 ? args[0] : "10000,100000,1000000";
        List<Integer> sweep = new ArrayList<>();
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "%nCandidate search, %d-d, %d queries per size, %d build threads (%s)%n",
                DIM, QUERIES, threads, System.getProperty("java.vm.name"));
        System.out.println("HNSW = the service's HnswGraph; baseline = the previous index (jelmerk/hnswlib, same M, efConstruction, ef)");
        System.out.println("| songs | brute build | HNSW build (baseline) | brute p50/p99 k=20 | HNSW p50/p99 k=20 | recall@20 (baseline) "
                + "| brute p50 k=200 | HNSW p50 k=200 | baseline p50 k=200 | recall@200 (baseline) | HNSW vs baseline k=200 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String s : sizes.split(",")) {
            sweep.add(Integer.parseInt(s.trim()));
        }
        List<String> efLines = new ArrayList<>();
        for (int n : sweep) {
            efLines.add(run(n, threads));
        }
        System.out.println("\nHNSW search breadth (ef) at the largest size, k = 20:");
        System.out.println("| songs | ef | p50 | p99 | recall@20 |");
        System.out.println("|---|---|---|---|---|");
        System.out.print(efLines.get(efLines.size() - 1));
    }

    private static String run(int n, int threads) {
        RandomVectors gen = new RandomVectors(42, DIM, 50);
        Map<String, float[]> songs = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            songs.put("s" + i, gen.next());
        }
        long t0 = System.nanoTime();
        BruteForceIndex brute = new BruteForceIndex(DIM);
        songs.forEach(brute::upsert);
        double bruteBuild = (System.nanoTime() - t0) / 1e9;

        t0 = System.nanoTime();
        HnswCandidateIndex hnsw = new HnswCandidateIndex(DIM, HnswCandidateIndex.DEFAULT_M,
                HnswCandidateIndex.DEFAULT_EF_CONSTRUCTION, HnswCandidateIndex.DEFAULT_EF, n);
        hnsw.addAll(songs);
        double hnswBuild = (System.nanoTime() - t0) / 1e9;

        t0 = System.nanoTime();
        JelmerkHnswIndex baseline = new JelmerkHnswIndex(DIM, HnswCandidateIndex.DEFAULT_M,
                HnswCandidateIndex.DEFAULT_EF_CONSTRUCTION, HnswCandidateIndex.DEFAULT_EF, n);
        baseline.addAll(songs, threads);
        double baselineBuild = (System.nanoTime() - t0) / 1e9;

        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < QUERIES; q++) {
            queries.add(gen.next());
        }
        // Warm-up (JIT) on a few queries.
        for (int q = 0; q < 20; q++) {
            brute.topK(queries.get(q), 200, id -> true);
            hnsw.topK(queries.get(q), 200, id -> true);
            baseline.topK(queries.get(q), 200, id -> true);
        }
        Result b20 = measure(brute::topK, queries, 20);
        Result h20 = measure(hnsw::topK, queries, 20);
        Result b200 = measure(brute::topK, queries, 200);
        Result h200 = measure(hnsw::topK, queries, 200);
        Result j20 = measure(baseline::topK, queries, 20);
        Result j200 = measure(baseline::topK, queries, 200);
        System.out.printf(Locale.ROOT, "| %,d | %.1f s | %.1f s (%.1f s on %d threads) | %.2f / %.2f ms | %.2f / %.2f ms | %.3f (%.3f) | %.2f ms | %.2f ms | %.2f ms | %.3f (%.3f) | %.2fx faster |%n",
                n, bruteBuild, hnswBuild, baselineBuild, threads, b20.p50, b20.p99, h20.p50, h20.p99, recall(b20, h20), recall(b20, j20),
                b200.p50, h200.p50, j200.p50, recall(b200, h200), recall(b200, j200), j200.p50 / h200.p50);
        StringBuilder ef = new StringBuilder();
        for (int e : new int[]{50, 100, 200, 400}) {
            hnsw.setEf(e);
            measure(hnsw::topK, queries.subList(0, 20), 20); // warm-up at this breadth
            Result r = measure(hnsw::topK, queries, 20);
            ef.append(String.format(Locale.ROOT, "| %,d | %d | %.2f ms | %.2f ms | %.3f |%n", n, e, r.p50, r.p99, recall(b20, r)));
        }
        hnsw.setEf(HnswCandidateIndex.DEFAULT_EF);
        return ef.toString();
    }

    interface Search {
        List<Candidate> topK(float[] q, int k, java.util.function.Predicate<String> filter);
    }

    record Result(double p50, double p99, List<List<Candidate>> answers) {
    }

    private static Result measure(Search index, List<float[]> queries, int k) {
        double[] ms = new double[queries.size()];
        List<List<Candidate>> answers = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            answers.add(index.topK(queries.get(i), k, id -> true));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new Result(ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.99) - 1], answers);
    }

    private static double recall(Result exact, Result approx) {
        long hits = 0;
        long total = 0;
        for (int i = 0; i < exact.answers.size(); i++) {
            Set<String> truth = new HashSet<>();
            exact.answers.get(i).forEach(c -> truth.add(c.songId()));
            for (Candidate c : approx.answers.get(i)) {
                if (truth.contains(c.songId())) {
                    hits++;
                }
            }
            total += truth.size();
        }
        return hits / (double) total;
    }
}
