package dev.timbre.recommendation.streams;

import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.platform.kafka.ClientSettings;
import dev.timbre.platform.kafka.KafkaClients;
import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.platform.lifecycle.ManagedStreams;
import dev.timbre.recommendation.topology.RecommendationTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * Owns the Kafka Streams instance. It starts once the HTTP server is up, because
 * {@code application.server} (how other instances route interactive queries here) needs the actual
 * port, which may be random. Runs as a platform {@link ManagedStreams} (failed threads replaced, closed on
 * shutdown, the kit's one state → health mapping).
 */
@Singleton
public class StreamsRunner implements ApplicationEventListener<ServerStartupEvent> {

    /** {@code timbre.recommendation} ({@link KafkaConventions#applicationId}); {@code DeadLetter.service}. */
    public static final String APP = "recommendation";

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final RecommendationConfig config;
    /** The Kafka/registry settings every Timbre service shares; the Streams app, its admin client and serdes use them. */
    private final ClientSettings shared;
    private final Catalog catalog;
    private final BeanProvider<MeterRegistry> meters;
    private final ManagedStreams managed;
    private volatile HostInfo self;
    private KafkaStreamsMetrics metrics;

    public StreamsRunner(RecommendationConfig config, ClientSettings shared, Catalog catalog,
                         BeanProvider<MeterRegistry> meters) {
        this.config = config;
        this.shared = shared;
        this.catalog = catalog;
        this.meters = meters;
        this.managed = new ManagedStreams(config.applicationId(), Duration.ofSeconds(30));
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        EmbeddedServer server = (EmbeddedServer) event.getSource();
        String host = config.advertisedHost() != null ? config.advertisedHost() : server.getHost();
        start(new HostInfo(host, server.getPort()));
    }

    synchronized void start(HostInfo advertised) {
        if (managed.streams() != null) {
            return;
        }
        self = advertised;
        Map<String, Object> props = streamsProperties(config, shared, advertised);
        AppTopics.ensure(config, props);
        Topology topology = RecommendationTopology.build(config, catalog, props);
        LOG.info("Starting Kafka Streams {} as {}:{}\n{}", config.applicationId(), advertised.host(),
                advertised.port(), topology.describe());
        managed.start(topology, props, ks -> meters.ifPresent(registry -> {
            metrics = new KafkaStreamsMetrics(ks);
            metrics.bindTo(registry);
        }));
    }

    /**
     * The Streams properties from the platform's {@link KafkaClients#streamsConfig} (also the serde settings: the
     * registry keys travel in the same map): Timbre's conventions (exactly_once_v2, Avro serdes, dead-letter
     * handlers: undecodable profiles go to {@code song.profiles.dlq}), layered over the deployment's shared
     * settings ({@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*}, the registry's basic
     * auth), then this service's tweaks: its {@code timbre.recommendation.*} keys and, last, {@code timbre.recommendation.streams.*}
     * passed through as is (e.g. {@code group.instance.id} and {@code session.timeout.ms} for static membership).
     */
    public static Map<String, Object> streamsProperties(RecommendationConfig config, ClientSettings sharedSettings,
                                                        HostInfo advertised) {
        ClientSettings shared = config.clientSettings(sharedSettings);
        return new KafkaClients(APP, shared).streamsConfig(APP, replicationFactor(config, shared), p -> {
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
            p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
            p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
            p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
            p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
            // Static membership (Kafka Streams appends -<thread index> per stream thread's consumer).
            if (config.groupInstanceId() != null && !config.groupInstanceId().isBlank()) {
                p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.groupInstanceId().trim());
            }
            if (config.sessionTimeoutMs() > 0) {
                p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), config.sessionTimeoutMs());
            }
            p.putAll(config.streams());
        });
    }

    /**
     * {@code timbre.recommendation.replication-factor} when set, else the cluster-wide {@code kafka.replication.factor}
     * (the chart's {@code KAFKA_REPLICATION_FACTOR}), else -1: the broker's default.
     */
    private static int replicationFactor(RecommendationConfig config, ClientSettings shared) {
        if (config.replicationFactor() > 0) {
            return config.replicationFactor();
        }
        Object cluster = shared.clientProperties().get(StreamsConfig.REPLICATION_FACTOR_CONFIG);
        return cluster == null ? KafkaConventions.BROKER_DEFAULT_REPLICATION : Integer.parseInt(cluster.toString().trim());
    }

    /** Null until the HTTP server has started. */
    public KafkaStreams streams() {
        return managed.streams();
    }

    /** The managed app: its state by the kit's one mapping. */
    public ManagedStreams managed() {
        return managed;
    }

    /** This instance's {@code application.server}. */
    public HostInfo self() {
        return self;
    }

    @PreDestroy
    synchronized void stop() {
        if (metrics != null) {
            metrics.close();
        }
        managed.close();
    }
}
