package dev.timbre.ingest.live;

import dev.timbre.platform.kafka.KafkaClients;
import dev.timbre.platform.lifecycle.ManagedWorker;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.recommendation.RecommendedItem;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.json.JsonMapper;
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

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes list changes to the page: reads every partition of the compacted {@code recommendations} topic from its
 * end (no consumer group; only changes matter, the current list comes from the recommendation service when a stream
 * opens) and hands each new {@code RecommendationList} to {@link ListUpdates} as the same JSON the REST endpoint
 * returns. Undecodable records are logged and skipped.
 */
@Context
@Requires(property = "timbre.live.feed.enabled", notEquals = "false")
public class ListFeed implements Runnable, ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ListFeed.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final ListUpdates updates;
    private final JsonMapper json;
    private final KafkaClients clients;
    private final SpecificAvroDeserializer<SpecificRecord> values;
    private final ManagedWorker worker = ManagedWorker.wakingConsumer("list-feed", this, () -> this.consumer, true, Duration.ofSeconds(5));
    private volatile Consumer<String, byte[]> consumer;

    public ListFeed(ListUpdates updates, KafkaClients clients, JsonMapper json) {
        this.updates = updates;
        this.json = json;
        this.clients = clients;
        this.values = clients.avroDeserializer();
    }

    /** Starts following once the server is up (a platform {@link ManagedWorker}), never in the constructor. */
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (consumer == null) {
            // no consumer group: assign-only, every instance follows every partition
            consumer = clients.assignOnlyConsumer(new StringDeserializer(), new ByteArrayDeserializer(), "timbre-ingest-lists");
            worker.start();
        }
    }

    @Override
    public void run() {
        try {
            while (worker.isRunning()) {
                try {
                    if (!assignAtEnd()) {
                        continue;
                    }
                    while (worker.isRunning()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                            apply(record);
                        }
                    }
                } catch (WakeupException e) {
                    // stopping
                } catch (RuntimeException e) {
                    LOG.warn("list feed interrupted ({}); resuming from the end in {}", e.toString(), RETRY);
                    worker.pause(RETRY);
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private boolean assignAtEnd() {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.RECOMMENDATIONS, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            LOG.info("topic {} not present yet, retrying", Topics.RECOMMENDATIONS);
            worker.pause(RETRY);
            return false;
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now: a list written after this point is seen
        LOG.info("list feed following {} partitions of {}", partitions.size(), Topics.RECOMMENDATIONS);
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || record.key() == null || updates.watching(record.key()) == 0) {
            return;
        }
        try {
            if (values.deserialize(record.topic(), record.value()) instanceof RecommendationList list) {
                updates.publish(list.getUserId(), toJson(list));
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("skipping undecodable list {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    /** The shape of recommendation's {@code RecommendationView} (without {@code servedBy}). */
    String toJson(RecommendationList list) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", list.getUserId());
        out.put("coldStart", list.getColdStart());
        List<Map<String, Object>> items = new ArrayList<>();
        for (RecommendedItem i : list.getItems()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("rank", i.getRank());
            item.put("songId", i.getSongId());
            item.put("title", i.getTitle());
            item.put("artist", i.getArtist());
            item.put("genre", i.getGenre());
            item.put("score", i.getScore());
            item.put("reason", i.getReason());
            items.add(item);
        }
        out.put("items", items);
        out.put("triggeredBy", list.getTriggeredBy());
        out.put("computedAt", String.valueOf(list.getComputedAt()));
        return json.writeValueAsString(out);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.close();
    }
}
