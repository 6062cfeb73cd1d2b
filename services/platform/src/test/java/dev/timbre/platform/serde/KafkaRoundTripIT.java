package dev.timbre.platform.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.dlq.DeadLetters;
import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.platform.registry.IncompatibleSchemaException;
import dev.timbre.platform.test.v1.Track;
import dev.timbre.schema.dlq.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Specific Avro records through the real broker and registry, with schema evolution and dead letters. */
@ExtendWith(KafkaPlatformExtension.class)
class KafkaRoundTripIT {
    private final TestPlatform platform = TestPlatform.get();
    private final String topic = "it.tracks." + UUID.randomUUID();

    private static Track v1(int i) {
        return Track.newBuilder().setId("v1-" + i).setTitle("Track " + i).setDurationSeconds(100 + i)
                .setAddedAt(Instant.ofEpochMilli(1_000L * i)).build();
    }

    private static dev.timbre.platform.test.v2.Track v2(int i) {
        return dev.timbre.platform.test.v2.Track.newBuilder().setId("v2-" + i).setTitle("New " + i).setDurationSeconds(200 + i)
                .setAddedAt(Instant.ofEpochMilli(2_000L * i)).setGenre("jazz").setPlays(i).build();
    }

    private <V> List<ConsumerRecord<String, V>> consume(Map<String, Object> props, String from, int expected) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(from));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.commitSync();
        }
        assertEquals(expected, records.size(), "records read from " + from);
        return records;
    }

    @Test
    void producesAndConsumesAcrossSchemaVersions() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(topic + ".dlq", 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(
                KafkaConventions.producer("platform-it", platform.bootstrapServers(), platform.registryUrl()))) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "v1-" + i, v1(i))).get();
            }
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(topic, "v2-" + i, v2(i))).get();
            }
            producer.send(new ProducerRecord<>(topic, "gone", null)).get();

            dev.timbre.platform.test.v3.Track v3 = dev.timbre.platform.test.v3.Track.newBuilder().setId("v3").setTitle("x")
                    .setDurationSeconds(1).setAddedAt(Instant.EPOCH).setBpm(90).build();
            SerializationException refused = assertThrows(SerializationException.class,
                    () -> producer.send(new ProducerRecord<>(topic, "v3", v3)));
            assertInstanceOf(IncompatibleSchemaException.class, refused.getCause(), refused.toString());
        }

        // An old consumer, pinned to v1, reads everything: v2 records lose the fields it does not know.
        Map<String, Object> old = KafkaConventions.consumer("platform-it-old-" + UUID.randomUUID(), platform.bootstrapServers(),
                platform.registryUrl(), true);
        old.put("specific.avro.value.type", Track.class.getName());
        List<ConsumerRecord<String, Track>> oldView = consume(old, topic, 6);
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(Track.class, oldView.get(i).value());
        }
        assertEquals("New 1", oldView.get(4).value().getTitle());
        assertEquals(Instant.ofEpochMilli(2_000L), oldView.get(4).value().getAddedAt());
        assertNull(oldView.get(5).value(), "tombstone");

        // A consumer without a pinned type gets each record as the class of its writer schema.
        List<ConsumerRecord<String, SpecificRecord>> byWriter = consume(KafkaConventions.consumer("platform-it-new-" + UUID.randomUUID(),
                platform.bootstrapServers(), platform.registryUrl(), true), topic, 6);
        assertInstanceOf(Track.class, byWriter.get(0).value());
        assertInstanceOf(dev.timbre.platform.test.v2.Track.class, byWriter.get(3).value());
        assertEquals(v2(0), byWriter.get(3).value());

        // A consumer of raw bytes hands a record to the dead-letter topic, bytes untouched.
        Map<String, Object> raw = KafkaConventions.consumer("platform-it-raw-" + UUID.randomUUID(), platform.bootstrapServers(),
                platform.registryUrl(), true);
        raw.put("value.deserializer", ByteArrayDeserializer.class.getName());
        ConsumerRecord<String, byte[]> first = this.<byte[]>consume(raw, topic, 6).get(0);
        try (DeadLetters deadLetters = DeadLetters.create("platform-it", platform.clientProperties())) {
            deadLetters.publish(first, "rejected by the IT", new IllegalArgumentException("test")).get();
        }
        ConsumerRecord<String, DeadLetter> letter = this.<DeadLetter>consume(KafkaConventions.consumer("platform-it-dlq-" + UUID.randomUUID(),
                platform.bootstrapServers(), platform.registryUrl(), true), topic + ".dlq", 1).get(0);
        assertEquals("v1-0", letter.key());
        assertEquals(topic, letter.value().getSourceTopic());
        assertEquals(first.offset(), letter.value().getOffset());
        assertEquals(ByteBuffer.wrap(first.value()), letter.value().getValue());
        assertEquals("platform-it", letter.value().getService());
        assertTrue(letter.value().getReason().contains("rejected by the IT"));
    }
}
