package dev.timbre.features;

import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service against a real broker and registry: real {@code SongRegistered} records pointing at real
 * files in, {@code WindowFeatures}, statuses and dead letters out.
 */
@ExtendWith(KafkaPlatformExtension.class)
class FeatureExtractionIT {
    @TempDir
    Path blobs;

    @Test
    void extractsGoodSongsAndDeadLettersACorruptOneWithoutStopping() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String good1 = "jazz-" + run;
        String corrupt = "corrupt-" + run;
        String good2 = "blues-" + run;
        Path jazz = blobs.resolve("jazz.wav");
        WavWriter.write(jazz, SyntheticGenres.render("jazz", 11, 7.0), SyntheticGenres.SAMPLE_RATE);
        Path broken = Files.write(blobs.resolve("broken.wav"), "RIFF\u0024\u0000\u0000\u0000WAVEnot really audio".getBytes());
        Path blues = blobs.resolve("blues.wav");
        WavWriter.write(blues, SyntheticGenres.render("blues", 12, 10.0), SyntheticGenres.SAMPLE_RATE);

        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("kafka.bootstrap.servers", platform.bootstrapServers());
        props.put("schema.registry.url", platform.registryUrl());
        props.put("timbre.features.group-id", "it-features-" + run);
        props.put("timbre.features.concurrency", 2);
        try (ApplicationContext app = ApplicationContext.run(props);
             KafkaProducer<String, SpecificRecord> producer = producer(platform);
             KafkaConsumer<String, SpecificRecord> outputs = consumer(platform, run)) {
            EmbeddedServer server = app.getBean(EmbeddedServer.class).start();
            outputs.subscribe(List.of(Topics.AUDIO_FEATURES, Topics.SONG_STATUS, Topics.deadLetterOf(Topics.SONGS_REGISTERED)));

            for (var song : List.of(Map.entry(good1, jazz), Map.entry(corrupt, broken), Map.entry(good2, blues))) {
                producer.send(new ProducerRecord<>(Topics.SONGS_REGISTERED, song.getKey(), registered(song.getKey(), song.getValue()))).get();
            }

            Map<String, List<WindowFeatures>> windows = new HashMap<>();
            Map<String, SongStatus> statuses = new HashMap<>();
            List<DeadLetter> deadLetters = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && !(statuses.size() == 3 && !deadLetters.isEmpty())) {
                for (ConsumerRecord<String, SpecificRecord> r : outputs.poll(Duration.ofMillis(500))) {
                    if (r.value() instanceof WindowFeatures w && w.getSongId().endsWith(run)) {
                        windows.computeIfAbsent(w.getSongId(), k -> new ArrayList<>()).add(w);
                    } else if (r.value() instanceof SongStatus s && s.getSongId().endsWith(run)) {
                        statuses.put(s.getSongId(), s);
                    } else if (r.value() instanceof DeadLetter d && corrupt.equals(r.key())) {
                        deadLetters.add(d);
                    }
                }
            }

            // At-least-once with deterministic output (see README): a restart after a failed publish may repeat a
            // song's windows, so count distinct windows and require every repeat to be identical.
            assertEquals(2, distinctWindows(windows.getOrDefault(good1, List.of())).size(), "7 s -> 2 windows");
            assertEquals(3, distinctWindows(windows.getOrDefault(good2, List.of())).size(), "10 s -> 3 windows");
            for (WindowFeatures w : windows.get(good2)) {
                assertEquals(List.of(130, 13, 1), w.getMfccShape());
                assertEquals(1690, w.getMfcc().size());
                assertEquals(List.of(130, 128), w.getLogMelShape());
                assertEquals(16640, w.getLogMel().size());
                assertEquals(3, w.getWindowCount());
                assertEquals("librosa-compat-1", w.getExtractorVersion());
            }
            assertEquals(List.of(0, 1, 2), windows.get(good2).stream().map(WindowFeatures::getWindowIndex).distinct().sorted().toList());
            assertEquals(SongStage.FEATURES, statuses.get(good1).getStage());
            assertEquals("3 windows", statuses.get(good2).getDetail());
            assertEquals(SongStage.FAILED, statuses.get(corrupt).getStage());
            assertEquals(1, deadLetters.size());
            assertEquals(Topics.SONGS_REGISTERED, deadLetters.get(0).getSourceTopic());
            assertEquals(statuses.get(corrupt).getDetail(), deadLetters.get(0).getReason());
            assertEquals("feature-extraction", deadLetters.get(0).getService());

            String health = HttpClient.create(server.getURL()).toBlocking().retrieve("/health");
            assertTrue(health.contains("UP"), health);
        }
    }

    /** Windows by index; a repeated window must carry exactly the same features as its first copy. */
    private static Map<Integer, WindowFeatures> distinctWindows(List<WindowFeatures> copies) {
        Map<Integer, WindowFeatures> byIndex = new HashMap<>();
        for (WindowFeatures w : copies) {
            WindowFeatures first = byIndex.putIfAbsent(w.getWindowIndex(), w);
            if (first != null) {
                assertEquals(first.getMfcc(), w.getMfcc(), "a repeated window has identical MFCCs");
                assertEquals(first.getLogMel(), w.getLogMel(), "a repeated window has identical log-mel");
            }
        }
        return byIndex;
    }

    private static SongRegistered registered(String songId, Path audio) throws Exception {
        return SongRegistered.newBuilder()
                .setSongId(songId).setTitle(songId).setArtist("it")
                .setAudioUri(audio.toUri().toString()).setContentType("audio/wav")
                .setSizeBytes(Files.size(audio)).setReceivedAt(Instant.now()).build();
    }

    private static KafkaProducer<String, SpecificRecord> producer(TestPlatform platform) {
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(Map.of("schema.registry.url", platform.registryUrl()), false);
        return new KafkaProducer<>(Map.of("bootstrap.servers", platform.bootstrapServers()), new StringSerializer(), values);
    }

    private static KafkaConsumer<String, SpecificRecord> consumer(TestPlatform platform, String run) {
        SpecificAvroDeserializer<SpecificRecord> values = new SpecificAvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", platform.registryUrl(), "specific.avro.reader", true), false);
        return new KafkaConsumer<>(Map.of(
                "bootstrap.servers", platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), values);
    }
}
