package dev.timbre.platform.dlq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.platform.test.v1.Track;
import dev.timbre.schema.dlq.DeadLetter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Streams app built with {@link KafkaConventions#streams} (exactly-once, our serde as default value serde) on the
 * real broker: a poison record goes to {@code <input>.dlq} and the app keeps processing.
 */
@ExtendWith(KafkaPlatformExtension.class)
class StreamsDeadLetterIT {
    private final TestPlatform platform = TestPlatform.get();
    private final String id = UUID.randomUUID().toString();
    private final String input = "it.streams.in." + id;
    private final String output = "it.streams.out." + id;

    @Test
    void poisonRecordsAreDeadLetteredAndTheAppCarriesOn() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(input, 1, (short) 1), new NewTopic(output, 1, (short) 1),
                    new NewTopic(input + ".dlq", 1, (short) 1))).all().get();
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, Track>stream(input).mapValues(t -> {
            if (t.getDurationSeconds() < 0) {
                throw new IllegalArgumentException("negative duration " + t.getDurationSeconds());
            }
            return Track.newBuilder(t).setTitle(t.getTitle().toUpperCase()).build();
        }).to(output);
        Properties props = new Properties();
        props.putAll(KafkaConventions.streams("platform-it-" + id, platform.bootstrapServers(), platform.registryUrl(), 1));
        Path stateDir = Files.createTempDirectory("streams-it");
        props.put("state.dir", stateDir.toString());

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            try (KafkaProducer<String, SpecificRecord> avro = new KafkaProducer<>(
                         KafkaConventions.producer("platform-it", platform.bootstrapServers(), platform.registryUrl()));
                 KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", platform.bootstrapServers()),
                         new ByteArraySerializer(), new ByteArraySerializer())) {
                avro.send(new ProducerRecord<>(input, "a", track("a", "blue in green"))).get();
                raw.send(new ProducerRecord<>(input, "poison".getBytes(), new byte[] {9, 9, 9})).get();
                Track negative = track("bad", "backwards");
                negative.setDurationSeconds(-1);
                avro.send(new ProducerRecord<>(input, "bad", negative)).get();
                avro.send(new ProducerRecord<>(input, "b", track("b", "so what"))).get();
            }

            List<ConsumerRecord<String, Track>> out = consume(output, 2);
            assertEquals("BLUE IN GREEN", out.get(0).value().getTitle());
            assertEquals("SO WHAT", out.get(1).value().getTitle());

            List<ConsumerRecord<String, DeadLetter>> letters = this.<DeadLetter>consume(input + ".dlq", 2);
            ConsumerRecord<String, DeadLetter> letter = letters.get(0);
            assertEquals("poison", letter.key());
            assertEquals(input, letter.value().getSourceTopic());
            assertEquals(1L, letter.value().getOffset());
            assertArrayEquals(new byte[] {9, 9, 9}, letter.value().getValue().array());
            assertTrue(letter.value().getReason().contains("too short"), letter.value().getReason());
            assertEquals("platform-it-" + id, letter.value().getService());

            DeadLetter failedProcessing = letters.get(1).value();
            assertEquals("bad", letters.get(1).key());
            assertEquals(2L, failedProcessing.getOffset());
            assertTrue(failedProcessing.getReason().contains("negative duration -1.0"), failedProcessing.getReason());
            assertEquals(IllegalArgumentException.class.getName(), failedProcessing.getErrorClass());
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    private static Track track(String id, String title) {
        return Track.newBuilder().setId(id).setTitle(title).setDurationSeconds(300).setAddedAt(Instant.EPOCH).build();
    }

    private <V> List<ConsumerRecord<String, V>> consume(String topic, int expected) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(KafkaConventions.consumer("platform-it-read-" + UUID.randomUUID(),
                platform.bootstrapServers(), platform.registryUrl(), true))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertEquals(expected, records.size(), "records read from " + topic);
        return records;
    }
}
