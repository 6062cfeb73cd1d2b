package dev.timbre.platform.lifecycle;

import dev.timbre.platform.kafka.KafkaClients;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a Timbre service runs a Kafka Streams app: built and started when the service calls {@link #start}
 * (from its {@code ServerStartupEvent} listener, never a constructor), a failed stream thread replaced rather than
 * the app stopped, state changes logged, closed with a bound on shutdown, and its state reported as a
 * {@link RunState} (so every app's health means the same).
 */
public final class ManagedStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedStreams.class);

    private final String name;
    private final Duration closeTimeout;
    private volatile KafkaStreams streams;
    private volatile boolean closed;

    /**
     * @param name         for logs and health, e.g. the application id
     * @param closeTimeout how long {@link #close} waits for the app to commit and leave
     */
    public ManagedStreams(String name, Duration closeTimeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    /** Builds and starts the app from its topology and the map of {@code KafkaClients.streamsConfig}; once only. */
    public synchronized KafkaStreams start(Topology topology, Map<String, ?> config) {
        return start(topology, config, streams -> { });
    }

    /**
     * As {@link #start(Topology, Map)}, with {@code beforeStart} run on the new instance before it starts (e.g. to
     * bind its metrics).
     */
    public synchronized KafkaStreams start(Topology topology, Map<String, ?> config, Consumer<KafkaStreams> beforeStart) {
        if (streams != null) {
            return streams;
        }
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        KafkaStreams ks = new KafkaStreams(topology, KafkaClients.properties(config));
        ks.setUncaughtExceptionHandler(e -> {
            LOG.error("{}: stream thread failed; replacing it", name, e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        ks.setStateListener((now, before) -> LOG.info("{}: Kafka Streams state {} -> {}", name, before, now));
        beforeStart.accept(ks);
        streams = ks;
        ks.start();
        return ks;
    }

    /** Null until started. */
    public KafkaStreams streams() {
        return streams;
    }

    public String name() {
        return name;
    }

    /** The raw Streams state; CREATED until started. */
    public KafkaStreams.State streamsState() {
        KafkaStreams ks = streams;
        return ks == null ? KafkaStreams.State.CREATED : ks.state();
    }

    public RunState state() {
        return closed ? RunState.STOPPED : RunState.of(streamsState());
    }

    @Override
    public synchronized void close() {
        closed = true;
        KafkaStreams ks = streams;
        if (ks != null) {
            LOG.info("{}: closing Kafka Streams", name);
            ks.close(closeTimeout);
            streams = null;
        }
    }
}
