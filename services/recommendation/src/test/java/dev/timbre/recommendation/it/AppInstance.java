package dev.timbre.recommendation.it;

import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.streams.StreamsRunner;
import dev.timbre.recommendation.taste.TasteState;
import dev.timbre.recommendation.topology.StoreNames;
import dev.timbre.schema.recommendation.RecommendationList;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** One recommendation app (HTTP server + Streams) started in this JVM on a random port. */
public final class AppInstance implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The service tokens of the test deployment: the current one (presented) and the previous (still valid). */
    public static final String TOKEN = "it-service-token-current-0123456789";
    public static final String PREVIOUS_TOKEN = "it-service-token-previous-0123456789";

    final EmbeddedServer server;
    public final String hostPort;

    private AppInstance(EmbeddedServer server) {
        this.server = server;
        this.hostPort = server.getHost() + ":" + server.getPort();
    }

    public static AppInstance start(ItTopics topics, String applicationId, Path stateDir) {
        return start(topics, applicationId, stateDir, Map.of());
    }

    /** @param overrides application properties set after (and over) the test defaults */
    public static AppInstance start(ItTopics topics, String applicationId, Path stateDir, Map<String, ?> overrides) {
        Map<String, Object> props = new HashMap<>(topics.appProperties());
        props.put("micronaut.server.port", -1);
        props.put("micronaut.server.host", "localhost");
        props.put("timbre.recommendation.application-id", applicationId);
        props.put("timbre.recommendation.state-dir", stateDir.toString());
        props.put("timbre.recommendation.commit-interval-ms", 100);
        props.put("timbre.service-auth.tokens", TOKEN + "," + PREVIOUS_TOKEN);
        // A restarted instance joins with a new member id: keep the wait for the old one's session short.
        props.put("timbre.recommendation.streams.session.timeout.ms", "6000");
        props.put("timbre.recommendation.streams.heartbeat.interval.ms", "1500");
        props.putAll(overrides);
        return new AppInstance(ApplicationContext.run(EmbeddedServer.class, props));
    }

    public KafkaStreams streams() {
        return server.getApplicationContext().getBean(StreamsRunner.class).streams();
    }

    public Catalog catalog() {
        return server.getApplicationContext().getBean(Catalog.class);
    }

    /** This instance's users' stored lists (the partitions it owns). */
    public ReadOnlyKeyValueStore<String, RecommendationList> lists() {
        return streams().store(StoreQueryParameters.fromNameAndType(StoreNames.LISTS,
                QueryableStoreTypes.<String, RecommendationList>keyValueStore()));
    }

    ReadOnlyKeyValueStore<String, TasteState> tastes() {
        return streams().store(StoreQueryParameters.fromNameAndType(StoreNames.TASTE,
                QueryableStoreTypes.<String, TasteState>keyValueStore()));
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(path, "Bearer " + TOKEN);
    }

    /** A GET with the given Authorization header (none when null). */
    HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + hostPort + path)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public void awaitRunning(Duration timeout) {
        await(() -> streams() != null && streams().state() == KafkaStreams.State.RUNNING, timeout,
                "Kafka Streams of " + hostPort + " to run");
    }

    /** The body (or the failure) of a GET, for diagnostics. */
    String getQuietly(String path) {
        try {
            HttpResponse<String> r = get(path);
            return r.statusCode() + " " + r.body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    public static void await(BooleanSupplier condition, Duration timeout, String what) {
        await(condition, timeout, () -> what);
    }

    public static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException transientFailure) {
                // store migrating, not started yet: retry
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what.get());
            }
        }
        throw new AssertionError("timed out waiting for " + what.get());
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
