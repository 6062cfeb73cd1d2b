package dev.timbre.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.demo.client.IngestClient;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.dlq.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A corrupt upload ends in the dead-letter topic with its reason, while the songs around it flow through. */
@ExtendWith(KafkaPlatformExtension.class)
class CorruptUploadEndToEndIT {

    @Test
    void corruptAudioIsDeadLetteredAndThePipelineKeepsGoing() {
        RunningSystem system = RunningSystem.get();
        String admin = system.keys.of("admin");

        // a WAV header that sniffs as audio, followed by garbage where the samples should be
        byte[] good = WavWriter.toBytes(SyntheticGenres.render("reggae", 5, 6.0), SyntheticGenres.SAMPLE_RATE);
        byte[] corrupt = Arrays.copyOf(good, 4096);
        for (int i = 12; i < corrupt.length; i++) {
            corrupt[i] = (byte) (i * 31 + 7);
        }

        String before = upload(system.ingest, admin, "before.wav", good, "Before");
        String broken = upload(system.ingest, admin, "broken.wav", corrupt, "Broken");
        String after = upload(system.ingest, admin, "after.wav", good, "After");

        Map<String, String> stages = system.session().awaitFinalStages(List.of(before, broken, after), Duration.ofMinutes(5));
        assertEquals("RECOMMENDABLE", stages.get(before));
        assertEquals("FAILED", stages.get(broken));
        assertEquals("RECOMMENDABLE", stages.get(after), "songs after the corrupt one are still processed");
        String detail = system.ingest.songStatus(admin, broken).body().path("detail").asText();
        assertFalse(detail.isBlank(), "the failed status carries the reason");

        DeadLetter letter = deadLetterFor(system, broken);
        assertNotNull(letter, "a dead letter for " + broken + " in " + Topics.deadLetterOf(Topics.SONGS_REGISTERED));
        assertEquals(Topics.SONGS_REGISTERED, letter.getSourceTopic());
        assertFalse(letter.getReason().isBlank());
        assertTrue(letter.getValue() != null && letter.getValue().remaining() > 0, "the original record is kept");
    }

    private static String upload(IngestClient ingest, String admin, String file, byte[] audio, String title) {
        return ingest.uploadSong(admin, file, audio, title, "E2E", null).orThrow("upload " + file).path("songId").asText();
    }

    private static DeadLetter deadLetterFor(RunningSystem system, String songId) {
        Map<String, Object> config = KafkaConventions.consumer("e2e-dlq-reader", system.platform.bootstrapServers(),
                system.platform.registryUrl(), true);
        Properties props = new Properties();
        props.putAll(config);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-dlq-" + Instant.now().toEpochMilli());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        SpecificAvroDeserializer<DeadLetter> values = new SpecificAvroDeserializer<>();
        values.configure(config, false);
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(Topics.deadLetterOf(Topics.SONGS_REGISTERED)));
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, DeadLetter> record : consumer.poll(Duration.ofMillis(500))) {
                    if (songId.equals(record.key())) {
                        return record.value();
                    }
                }
            }
        }
        return null;
    }
}
