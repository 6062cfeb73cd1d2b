package dev.timbre.ingest.status;

import dev.timbre.platform.kafka.KafkaClients;
import dev.timbre.platform.lifecycle.ManagedWorker;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongStatus;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@link SongCatalog} up to date. Every ingest instance reads all partitions of the catalog topics
 * from the beginning (no consumer group: each instance needs the whole view, and the compacted topics keep
 * it small). Records it cannot decode are logged and skipped; they never stop the feed.
 */
@Context
@Requires(property = "timbre.catalog.feed.enabled", notEquals = "false")
public class CatalogFeed implements Runnable, ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogFeed.class);
    static final List<String> TOPICS = List.of(Topics.SONGS_REGISTERED, Topics.SONG_STATUS, Topics.SONG_PROFILES);

    private static final Duration RETRY = Duration.ofSeconds(2);

    private final SongCatalog catalog;
    private final KafkaClients clients;
    private final SpecificAvroDeserializer<SpecificRecord> values;
    private final ManagedWorker worker = ManagedWorker.wakingConsumer("catalog-feed", this, () -> this.consumer, true, Duration.ofSeconds(5));
    private volatile Consumer<String, byte[]> consumer;

    public CatalogFeed(SongCatalog catalog, KafkaClients clients) {
        this.catalog = catalog;
        this.clients = clients;
        catalog.loading();
        this.values = clients.avroDeserializer();
    }

    /** Starts reading once the server is up (a platform {@link ManagedWorker}), never in the constructor. */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (consumer == null) {
            // no consumer group: assign-only, every instance reads everything
            consumer = clients.assignOnlyConsumer(new StringDeserializer(), new ByteArrayDeserializer(), "timbre-ingest-catalog");
            worker.start();
        }
    }

    @Override
    public void run() {
        try {
            while (worker.isRunning()) {
                try {
                    List<TopicPartition> partitions = assignAll();
                    Map<TopicPartition, Long> end = partitions.isEmpty() ? Map.of() : consumer.endOffsets(partitions);
                    while (worker.isRunning()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                            apply(record);
                        }
                        if (!catalog.isReady() && caughtUp(end)) {
                            catalog.markReady();
                            LOG.info("catalog feed caught up: {} songs", catalog.list().size());
                        }
                    }
                } catch (WakeupException e) {
                    if (worker.isRunning()) {
                        LOG.warn("catalog feed woken up unexpectedly; re-reading the topics");
                    }
                } catch (RuntimeException e) {
                    // e.g. the broker is not reachable yet: keep trying, a stale view is better than none;
                    // re-reading from the beginning is safe because applying the records is idempotent
                    LOG.warn("catalog feed interrupted ({}); re-reading the topics in {}", e.toString(), RETRY);
                    worker.pause(RETRY);
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Waits for the topics to exist (the platform may still be creating them), then reads them from the start. */
    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> assignAll() throws WakeupException {
        while (worker.isRunning()) {
            List<TopicPartition> partitions = new ArrayList<>();
            boolean complete = true;
            for (String topic : TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos == null || infos.isEmpty()) {
                    complete = false;
                    break;
                }
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            if (complete) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                LOG.info("catalog feed reading {} partitions of {}", partitions.size(), TOPICS);
                return partitions;
            }
            LOG.info("catalog topics {} not all present yet, retrying", TOPICS);
            worker.pause(RETRY);
        }
        return List.of();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            if (Topics.SONG_STATUS.equals(record.topic()) && record.key() != null) {
                catalog.onDeleted(record.key());
            }
            return;
        }
        try {
            SpecificRecord value = values.deserialize(record.topic(), record.value());
            if (value instanceof SongStatus status) {
                catalog.onStatus(status);
            } else if (value instanceof SongRegistered registered) {
                catalog.onRegistered(registered);
            } else if (value instanceof SongProfile profile) {
                catalog.onProfile(profile);
            }
        } catch (RuntimeException e) {
            LOG.warn("skipping undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.close();
    }
}
