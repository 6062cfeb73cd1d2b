package dev.timbre.recommendation.streams;

import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.platform.kafka.ClientSettings;
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
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Owns the Kafka Streams instance. It starts once the HTTP server is up, because
 * {@code application.server} (how other instances route interactive queries here) needs the actual
 * port, which may be random.
 */
@Singleton
public class StreamsRunner implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);

    private final RecommendationConfig config;
    private final Catalog catalog;
    private final BeanProvider<MeterRegistry> meters;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private KafkaStreamsMetrics metrics;

    public StreamsRunner(RecommendationConfig config, Catalog catalog, BeanProvider<MeterRegistry> meters) {
        this.config = config;
        this.catalog = catalog;
        this.meters = meters;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        EmbeddedServer server = (EmbeddedServer) event.getSource();
        String host = config.getAdvertisedHost() != null ? config.getAdvertisedHost() : server.getHost();
        start(new HostInfo(host, server.getPort()));
    }

    synchronized void start(HostInfo advertised) {
        if (streams != null) {
            return;
        }
        self = advertised;
        Map<String, Object> props = streamsProperties(config, advertised);
        AppTopics.ensure(config, props);
        Topology topology = RecommendationTopology.build(config, catalog, props);
        LOG.info("Starting Kafka Streams {} as {}:{}\n{}", config.getApplicationId(), advertised.host(),
                advertised.port(), topology.describe());
        KafkaStreams ks = new KafkaStreams(topology, toProperties(props));
        ks.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        ks.setStateListener((now, before) -> LOG.info("Kafka Streams state {} -> {}", before, now));
        meters.ifPresent(registry -> {
            metrics = new KafkaStreamsMetrics(ks);
            metrics.bindTo(registry);
        });
        streams = ks;
        ks.start();
    }

    /**
     * The Streams properties (also the serde settings: the registry keys travel in the same map), layered over the
     * deployment's shared settings: {@code kafka.security.protocol}, {@code kafka.sasl.*}, {@code kafka.ssl.*} and
     * the registry's basic auth reach every client and serde, while exactly_once_v2 stays.
     */
    public static Map<String, Object> streamsProperties(RecommendationConfig config, HostInfo advertised) {
        ClientSettings shared = config.clientSettings();
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getApplicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, shared.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.getStandbyReplicas());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getStreamThreads());
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.getStateDir());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor(config, shared));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getCommitIntervalMs());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
        // Profiles that cannot be decoded are skipped (logged); user events are decoded by the
        // topology itself so that bad ones are dead-lettered with their bytes.
        p.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put("schema.registry.url", shared.registryUrl());
        p.put("auto.register.schemas", true);
        // Static membership (Kafka Streams appends -<thread index> per stream thread's consumer).
        if (config.getGroupInstanceId() != null && !config.getGroupInstanceId().isBlank()) {
            p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.getGroupInstanceId().trim());
        }
        if (config.getSessionTimeoutMs() > 0) {
            p.put(StreamsConfig.consumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                    config.getSessionTimeoutMs());
        }
        p.putAll(config.getStreams());
        return shared.layer(p);
    }

    /**
     * {@code recommendation.replication-factor} when set, else the cluster-wide {@code kafka.replication.factor}
     * (the chart's {@code KAFKA_REPLICATION_FACTOR}), else -1: the broker's default.
     */
    private static Object replicationFactor(RecommendationConfig config, ClientSettings shared) {
        if (config.getReplicationFactor() > 0) {
            return config.getReplicationFactor();
        }
        return shared.clientProperties().getOrDefault(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.getReplicationFactor());
    }

    /** Null until the HTTP server has started. */
    public KafkaStreams streams() {
        return streams;
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
        if (streams != null) {
            LOG.info("Closing Kafka Streams {}", config.getApplicationId());
            streams.close(Duration.ofSeconds(30));
            streams = null;
        }
    }

    private static Properties toProperties(Map<String, Object> map) {
        Properties props = new Properties();
        props.putAll(map); // typed values are fine: StreamsConfig parses them
        return props;
    }
}
