package dev.timbre.recommendation.it;

import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.user.UserEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * Topics private to one test (prefixed copies of the real ones), so that tests sharing the JVM-wide
 * platform never see each other's songs and events; plus a producer writing to them.
 */
public final class ItTopics implements AutoCloseable {

    public final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    public final String profiles = prefix + Topics.SONG_PROFILES;
    public final String events = prefix + Topics.USER_EVENTS;
    public final String recommendations = prefix + Topics.RECOMMENDATIONS;
    public final String status = prefix + Topics.SONG_STATUS;
    private final TestPlatform platform;
    private final KafkaProducer<String, SpecificRecord> producer;

    public ItTopics(TestPlatform platform) throws Exception {
        this.platform = platform;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            // The tests' events carry fixed, past timestamps (RestartIT: 2026-03-02), soon older than the broker's
            // default 7-day retention: its first retention check (30 s after start, then every 5 min) would then
            // delete every record not yet consumed, e.g. those sent while an instance restarts, and the consumer
            // would resume at the new log start (records lost without any error). Kept forever instead.
            Map<String, String> keep = Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1");
            admin.createTopics(List.of(
                    new NewTopic(profiles, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(events, 6, (short) 1).configs(keep),
                    new NewTopic(Topics.deadLetterOf(events), 1, (short) 1).configs(keep),
                    new NewTopic(recommendations, 6, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(status, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        Map<String, Object> p = new HashMap<>(platform.clientProperties());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put("auto.register.schemas", true);
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(p, false); // instances handed to the producer are not configured by it
        producer = new KafkaProducer<>(p, new StringSerializer(), values);
    }

    Map<String, Object> appProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put("timbre.recommendation.bootstrap-servers", platform.bootstrapServers());
        p.put("timbre.recommendation.schema-registry-url", platform.registryUrl());
        p.put("timbre.recommendation.song-profiles-topic", profiles);
        p.put("timbre.recommendation.user-events-topic", events);
        p.put("timbre.recommendation.recommendations-topic", recommendations);
        p.put("timbre.recommendation.song-status-topic", status);
        return p;
    }

    public void send(SongProfile p) throws Exception {
        producer.send(new ProducerRecord<>(profiles, null, p.getUpdatedAt().toEpochMilli(), p.getSongId(), p)).get();
    }

    public void send(UserEvent e) throws Exception {
        producer.send(new ProducerRecord<>(events, null, e.getTimestamp().toEpochMilli(), e.getUserId(), e)).get();
    }

    /** A catalog, sent in bulk: returns once every profile is acknowledged (throws if one was not). */
    public void sendAll(List<SongProfile> songs) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>(songs.size());
        for (SongProfile p : songs) {
            sent.add(producer.send(new ProducerRecord<>(profiles, null, p.getUpdatedAt().toEpochMilli(), p.getSongId(), p)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
    }

    /** Fire-and-forget send for bulk loads; {@link #flush()} waits for all. */
    public void sendAsync(SongProfile p) {
        producer.send(new ProducerRecord<>(profiles, null, p.getUpdatedAt().toEpochMilli(), p.getSongId(), p));
    }

    public void sendAsync(UserEvent e) {
        producer.send(new ProducerRecord<>(events, null, e.getTimestamp().toEpochMilli(), e.getUserId(), e));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
