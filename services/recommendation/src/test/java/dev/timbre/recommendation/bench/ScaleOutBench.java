package dev.timbre.recommendation.bench;

import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.recommendation.it.AppInstance;
import dev.timbre.recommendation.it.ItTopics;
import dev.timbre.schema.recommendation.RecommendationList;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Throughput with 1, 2 and 3 app instances (one stream thread each, exactly_once_v2) sharing one application id
 * over the 6 partitions of {@code user.events}, on the real local broker + registry; 1 instance is the baseline.
 * The instances run in this JVM (each with its own catalog, candidate index and RocksDB state), so they share the
 * machine's cores with each other, the broker, the registry and the load generator, as a co-located deployment would.
 * Prints events/s per instance count and the ratio to one instance; writes {@code target/bench/scaleout.json}.
 */
public final class ScaleOutBench {

    static final int EVENTS = Integer.getInteger("bench.events", 20_000);

    public static void main(String[] args) throws Exception {
        int songs = args.length > 0 ? Integer.parseInt(args[0].trim()) : 100_000;
        int maxInstances = args.length > 1 ? Integer.parseInt(args[1].trim()) : 3;
        Map<Integer, Double> eventsPerS = new LinkedHashMap<>();
        String loadStart = Files.readString(Path.of("/proc/loadavg")).trim();
        for (int n = 1; n <= maxInstances; n++) {
            eventsPerS.put(n, run(songs, n));
            print(songs, eventsPerS);
        }
        String loadEnd = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.println("load average at start: " + loadStart + "; at end: " + loadEnd
                + "; cores: " + Runtime.getRuntime().availableProcessors());
        StringBuilder json = new StringBuilder("{\n  \"songs\": " + songs + ",\n  \"events\": " + EVENTS + ",\n");
        eventsPerS.forEach((n, v) -> json.append(String.format(Locale.ROOT, "  \"events_per_s_%d_instances\": %.1f,%n", n, v)));
        json.append(String.format(Locale.ROOT, "  \"baseline_events_per_s_1_instance\": %.1f,%n", eventsPerS.get(1)));
        json.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        json.append("  \"load_start\": \"").append(loadStart).append("\",\n  \"load_end\": \"").append(loadEnd).append("\"\n}\n");
        Path out = Path.of("target", "bench", "scaleout.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json);
        System.out.println("wrote " + out.toAbsolutePath() + "\n" + json);
        System.exit(0); // the shared test platform's hooks stop the broker and registry
    }

    private static void print(int songs, Map<Integer, Double> eventsPerS) {
        double one = eventsPerS.get(1);
        System.out.println("\nScale-out (" + String.format(Locale.ROOT, "%,d", songs) + " songs, " + EVENTS + " events, "
                + TopologyBench.USERS + " users, 1 stream thread per instance, exactly_once_v2, 6 partitions)");
        System.out.println("| instances | events/s | vs 1 instance |");
        System.out.println("|---|---|---|");
        eventsPerS.forEach((n, v) -> System.out.printf(Locale.ROOT, "| %d | %,.0f | %.2fx |%n", n, v, v / one));
    }

    private static double run(int songs, int instances) throws Exception {
        TestPlatform platform = TestPlatform.get();
        Instant t0 = Instant.now().minusSeconds(3600);
        String appId = "bench-scale-" + instances + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> settings = Map.of("timbre.recommendation.stream-threads", 1,
                "timbre.recommendation.commit-interval-ms", 20);
        try (ItTopics topics = new ItTopics(platform)) {
            TopologyBench.sendCatalog(topics, songs, t0);
            List<AppInstance> apps = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    apps.add(AppInstance.start(topics, appId, Files.createTempDirectory("rec-scale-bench"), settings));
                }
                for (AppInstance app : apps) {
                    AppInstance.await(() -> app.catalog().size() == songs, Duration.ofMinutes(10), "catalog load");
                }
                // Every instance running and owning user partitions: the group has settled.
                AppInstance.await(() -> apps.stream().allMatch(a -> a.streams().state() == KafkaStreams.State.RUNNING
                                && !a.streams().metadataForLocalThreads().iterator().next().activeTasks().isEmpty()),
                        Duration.ofMinutes(3), "instances running with active tasks");
                Thread.sleep(3000); // let a follow-up rebalance (if any) finish
                return throughput(topics, apps, songs);
            } finally {
                for (AppInstance app : apps) {
                    app.close();
                }
            }
        }
    }

    /** Sends EVENTS events at once, then waits until every user's last one produced that user's list. */
    private static double throughput(ItTopics topics, List<AppInstance> apps, int songs) {
        long start = System.nanoTime();
        Map<String, String> last = TopologyBench.sendThroughputLoad(topics, EVENTS, songs);
        AppInstance.await(() -> {
            List<ReadOnlyKeyValueStore<String, RecommendationList>> stores = apps.stream().map(AppInstance::lists).toList();
            for (Map.Entry<String, String> e : last.entrySet()) {
                boolean current = false;
                for (ReadOnlyKeyValueStore<String, RecommendationList> s : stores) {
                    RecommendationList l = s.get(e.getKey());
                    current |= l != null && e.getValue().equals(l.getTriggeredBy());
                }
                if (!current) {
                    return false;
                }
            }
            return true;
        }, Duration.ofMinutes(10), "all events processed");
        double perS = EVENTS / ((System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "%d instance(s): %,.0f events/s%n", apps.size(), perS);
        return perS;
    }
}
