package dev.timbre.classification.it;

import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.features.WindowTensor;
import dev.timbre.audio.io.WavWriter;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.classification.inference.TinyGenreModel;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.classification.WindowPrediction;
import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongSource;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The service on the real broker and registry: real MFCCs of synthetic songs go in; per-window predictions,
 * a joined profile and CLASSIFIED come out; poison windows in the same batch land in the DLQ with a reason.
 */
@ExtendWith(KafkaPlatformExtension.class)
class ClassificationIT {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String SONG = "it-jazz-" + RUN;
    static final String POISONED_SONG = "it-poison-" + RUN;
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    static TestPlatform platform;
    static Map<String, Object> serde;
    static EmbeddedServer server;
    static int windows;
    static boolean servesSyntheticModel;

    @BeforeAll
    static void produceThenStart() throws Exception {
        platform = TestPlatform.get();
        serde = Map.of("schema.registry.url", platform.registryUrl(), "specific.avro.reader", true);

        List<WindowTensor> tensors = AudioAnalyzer.defaults()
                .analyze(WavWriter.toBytes(SyntheticGenres.render("jazz", 11, 12.5), SyntheticGenres.SAMPLE_RATE));
        windows = tensors.size();
        assertTrue(windows >= 3, "12.5 s of audio gives several 3 s windows, got " + windows);

        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, Topics.SONGS_REGISTERED, SONG, SongRegistered.newBuilder().setSongId(SONG)
                    .setTitle("Synthetic Blue").setArtist("The Generators").setAlbum("Test Pressing")
                    .setAudioUri("file:///blobs/" + SONG + ".wav").setContentType("audio/wav").setSizeBytes(1)
                    .setReceivedAt(Instant.now()).setSource(SongSource.UPLOAD).build());
            // All windows and the poison go out before the service starts: they share its first batch.
            for (WindowTensor t : tensors) {
                send(producer, Topics.AUDIO_FEATURES, SONG, features(SONG, t.index(), windows, t.mfcc()));
            }
            float[] nan = tensors.get(0).mfcc().clone();
            nan[100] = Float.NaN;
            send(producer, Topics.AUDIO_FEATURES, POISONED_SONG, features(POISONED_SONG, 0, 2, nan));
            producer.send(new ProducerRecord<>(Topics.AUDIO_FEATURES, POISONED_SONG.getBytes(StandardCharsets.UTF_8),
                    "definitely not avro".getBytes(StandardCharsets.UTF_8))).get();
            producer.flush();
        }

        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("timbre.classification.bootstrap-servers", platform.bootstrapServers());
        props.put("timbre.classification.schema-registry-url", platform.registryUrl());
        props.put("timbre.classification.batch.max-wait", "300ms");
        props.put("timbre.classification.profiles.state-dir", Files.createTempDirectory("classification-it-state").toString());
        props.put("timbre.classification.inference.transactional-id-prefix", "classification-it-" + RUN);
        // The CNN trained on SyntheticGenres songs (a test fixture; the shipped model hears real music), so that
        // the synthetic jazz song below has a known answer.
        java.net.URL fixture = ClassificationIT.class.getClassLoader().getResource("model/synthetic-genre-cnn/model.json");
        servesSyntheticModel = fixture != null;
        props.put("timbre.classification.model.path", servesSyntheticModel
                ? Path.of(fixture.toURI()).getParent().toString()
                : new TinyGenreModel(5).writeTo(Files.createTempDirectory("classification-it-model")).toString());
        server = ApplicationContext.run(EmbeddedServer.class, props);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void predictsEveryWindowBuildsTheProfileAndDeadLettersThePoison() throws Exception {
        List<WindowPrediction> predictions = readUntil(Topics.WINDOW_PREDICTIONS, WindowPrediction.class,
                p -> p.getSongId().equals(SONG), windows);
        assertEquals(windows, predictions.stream().map(WindowPrediction::getWindowIndex).distinct().count(),
                "one prediction per window, none twice");
        for (WindowPrediction p : predictions) {
            assertEquals(10, p.getProbabilities().size());
            assertEquals(64, p.getEmbedding().size());
            assertEquals(1.0, p.getProbabilities().stream().mapToDouble(Float::doubleValue).sum(), 1e-4);
        }

        SongProfile profile = readUntil(Topics.SONG_PROFILES, SongProfile.class,
                p -> p.getSongId().equals(SONG), 1).get(0);
        assertEquals(windows, profile.getWindowCount());
        assertEquals(windows, profile.getExpectedWindows());
        assertEquals("Synthetic Blue", profile.getTitle());
        assertEquals("The Generators", profile.getArtist());
        assertEquals("Test Pressing", profile.getAlbum());
        assertTrue(profile.getGenres().contains(profile.getTopGenre()));
        if (servesSyntheticModel) {
            // the fixture CNN was trained on SyntheticGenres songs (other seeds): it must hear jazz here,
            // which also proves the MFCC layout fed to the model is the one it was trained on
            assertEquals("jazz", profile.getTopGenre(), profile.getGenreDistribution().toString());
        }
        // the profile is the windows' mean log-probability, renormalised (SongAggregation), written out here
        int genres = profile.getGenres().size();
        double[] geometric = new double[genres];
        double total = 0;
        for (int g = 0; g < genres; g++) {
            final int k = g;
            geometric[g] = Math.exp(predictions.stream()
                    .mapToDouble(p -> Math.log(Math.max(1e-7, p.getProbabilities().get(k)))).average().orElseThrow());
            total += geometric[g];
        }
        assertEquals(geometric[0] / total, profile.getGenreDistribution().get(0), 1e-5);
        assertEquals(geometric[5] / total, profile.getGenreDistribution().get(5), 1e-5);

        SongStatus status = readUntil(Topics.SONG_STATUS, SongStatus.class,
                s -> s.getSongId().equals(SONG) && s.getStage() == SongStage.CLASSIFIED, 1).get(0);
        assertEquals("classification", status.getService());

        List<DeadLetter> letters = readUntil(Topics.deadLetterOf(Topics.AUDIO_FEATURES), DeadLetter.class,
                d -> POISONED_SONG.equals(key(d)), 2);
        assertTrue(letters.stream().anyMatch(d -> d.getReason().startsWith("NON_FINITE")), letters.toString());
        assertTrue(letters.stream().anyMatch(d -> d.getReason().startsWith("UNDESERIALISABLE")), letters.toString());
        assertTrue(letters.stream().allMatch(d -> d.getService().equals("classification")));
        SongStatus failed = readUntil(Topics.SONG_STATUS, SongStatus.class,
                s -> s.getSongId().equals(POISONED_SONG) && s.getStage() == SongStage.FAILED, 1).get(0);
        assertTrue(failed.getDetail().contains("dead-lettered"), failed.getDetail());

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"inference\""), health.body());
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("timbre_classification_windows_classified_total"), metrics.body());
        assertTrue(metrics.body().contains("reason=\"NON_FINITE\""), "rejections are counted by reason");
    }

    private static String key(DeadLetter d) {
        return d.getKey() == null ? null : StandardCharsets.UTF_8.decode(d.getKey().duplicate()).toString();
    }

    static WindowFeatures features(String song, int index, int count, float[] mfcc) {
        List<Float> values = new ArrayList<>(mfcc.length);
        for (float v : mfcc) {
            values.add(v);
        }
        return WindowFeatures.newBuilder().setSongId(song).setWindowIndex(index).setWindowCount(count)
                .setWindowStartSeconds(index * 3.0).setMfccShape(List.of(130, 13, 1)).setMfcc(values)
                .setExtractorVersion(AudioAnalyzer.EXTRACTOR_VERSION).setExtractedAt(Instant.now()).build();
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static <T extends SpecificRecord> void send(KafkaProducer<byte[], byte[]> producer, String topic, String key,
                                                T value) throws Exception {
        SpecificAvroSerializer<T> serializer = new SpecificAvroSerializer<>();
        serializer.configure(serde, false);
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                serializer.serialize(topic, value))).get();
    }

    /** Reads {@code topic} from the start (committed data only) until {@code count} matching values arrived. */
    static <T extends SpecificRecord> List<T> readUntil(String topic, Class<T> type, Predicate<T> match, int count) {
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(serde, false);
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "classification-it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<T> found = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    T value = type.cast(deserializer.deserialize(topic, r.value()));
                    if (match.test(value)) {
                        found.add(value);
                    }
                }
            }
        }
        if (found.size() < count) {
            fail("only " + found.size() + " of " + count + " expected records on " + topic + " within " + TIMEOUT);
        }
        return found;
    }
}
