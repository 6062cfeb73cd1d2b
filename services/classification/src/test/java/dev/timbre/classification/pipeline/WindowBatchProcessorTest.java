package dev.timbre.classification.pipeline;

import dev.timbre.classification.inference.BatchOutput;
import dev.timbre.classification.inference.ComputeDevice;
import dev.timbre.classification.inference.DjlGenreClassifier;
import dev.timbre.classification.inference.GenreClassifier;
import dev.timbre.classification.inference.InferenceException;
import dev.timbre.classification.inference.TinyGenreModel;
import dev.timbre.model.ModelDescriptor;
import dev.timbre.classification.validation.RejectionReason;
import dev.timbre.classification.validation.WindowValidator;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.classification.WindowPrediction;
import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowBatchProcessorTest {

    @TempDir
    static Path dir;
    static TinyGenreModel tiny = new TinyGenreModel(3);
    static DjlGenreClassifier classifier;

    final Map<String, Object> serde = Map.of("schema.registry.url", "mock://processor-" + UUID.randomUUID(),
            "specific.avro.reader", true);
    final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void load() throws Exception {
        classifier = DjlGenreClassifier.load(tiny.writeTo(dir), ComputeDevice.CPU,
                Path.of(System.getProperty("user.home"), ".djl.ai"));
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    private <T extends org.apache.avro.specific.SpecificRecord> SpecificAvroSerializer<T> serializer() {
        var s = new SpecificAvroSerializer<T>();
        s.configure(serde, false);
        return s;
    }

    private <T extends org.apache.avro.specific.SpecificRecord> SpecificAvroDeserializer<T> deserializer() {
        var d = new SpecificAvroDeserializer<T>();
        d.configure(serde, false);
        return d;
    }

    private WindowBatchProcessor processor(GenreClassifier model) {
        return new WindowBatchProcessor(model,
                new WindowValidator(List.of(130, 13, 1), Set.of(TinyGenreModel.EXTRACTOR)),
                deserializer(), serializer(), serializer(),
                new AvroDeadLetterWriter("classification", serializer(), clock), clock);
    }

    private static WindowFeatures features(String song, int index, float seedShift) {
        List<Float> mfcc = new ArrayList<>();
        for (int i = 0; i < 1690; i++) {
            mfcc.add((float) Math.sin(i * 0.01 + seedShift) * 30);
        }
        return WindowFeatures.newBuilder().setSongId(song).setWindowIndex(index).setWindowCount(4)
                .setWindowStartSeconds(index * 3.0).setMfccShape(List.of(130, 13, 1)).setMfcc(mfcc)
                .setExtractorVersion(TinyGenreModel.EXTRACTOR).setExtractedAt(Instant.EPOCH).build();
    }

    private ConsumerRecord<byte[], byte[]> record(long offset, String key, byte[] value) {
        return new ConsumerRecord<>(Topics.AUDIO_FEATURES, 1, offset, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private ConsumerRecord<byte[], byte[]> record(long offset, WindowFeatures f) {
        return record(offset, f.getSongId(), serializer().serialize(Topics.AUDIO_FEATURES, f));
    }

    private static float[] mfcc(WindowFeatures f) {
        float[] out = new float[f.getMfcc().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.getMfcc().get(i);
        }
        return out;
    }

    @Test
    void classifiesTheGoodWindowsAndDeadLettersEachBadOneWithItsReason() {
        WindowFeatures good0 = features("song", 0, 0f);
        WindowFeatures good2 = features("song", 2, 1f);
        WindowFeatures nan = features("song", 1, 2f);
        nan.getMfcc().set(5, Float.NaN);
        WindowFeatures oldRecipe = features("song", 3, 3f);
        oldRecipe.setExtractorVersion("librosa-compat-0");
        WindowFeatures transposed = features("other", 0, 4f);
        transposed.setMfccShape(List.of(13, 130, 1));

        List<ConsumerRecord<byte[], byte[]>> batch = List.of(
                record(10, good0),
                record(11, nan),
                record(12, "song", new byte[] {0, 0, 0, 0, 99, 1, 2, 3}),
                record(13, good2),
                record(14, oldRecipe),
                record(15, transposed));
        ProcessedBatch result = processor(classifier).process(batch);

        assertEquals(2, result.classified());
        assertEquals(Map.of(RejectionReason.NON_FINITE, 1, RejectionReason.UNDESERIALISABLE, 1,
                RejectionReason.UNKNOWN_EXTRACTOR_VERSION, 1, RejectionReason.WRONG_SHAPE, 1), result.rejected());

        SpecificAvroDeserializer<WindowPrediction> predictions = deserializer();
        List<WindowPrediction> predicted = result.output().stream()
                .filter(r -> r.topic().equals(Topics.WINDOW_PREDICTIONS))
                .map(r -> predictions.deserialize(r.topic(), r.value())).toList();
        assertEquals(List.of(0, 2), predicted.stream().map(WindowPrediction::getWindowIndex).toList());
        for (WindowPrediction p : predicted) {
            WindowFeatures source = p.getWindowIndex() == 0 ? good0 : good2;
            float[] expected = tiny.reference(mfcc(source))[0];
            float[] actual = new float[10];
            for (int i = 0; i < 10; i++) {
                actual[i] = p.getProbabilities().get(i);
            }
            assertArrayEquals(expected, actual, 1e-4f);
            assertEquals(64, p.getEmbedding().size());
            assertEquals(4, p.getWindowCount());
            assertEquals(TinyGenreModel.VERSION, p.getModelVersion());
            assertEquals(clock.instant(), p.getPredictedAt());
        }

        SpecificAvroDeserializer<DeadLetter> letters = deserializer();
        List<ProducerRecord<byte[], byte[]>> dlq = result.output().stream()
                .filter(r -> r.topic().equals(Topics.deadLetterOf(Topics.AUDIO_FEATURES))).toList();
        assertEquals(4, dlq.size());
        List<DeadLetter> decoded = dlq.stream().map(r -> letters.deserialize(r.topic(), r.value())).toList();
        assertEquals(List.of(11L, 12L, 14L, 15L), decoded.stream().map(DeadLetter::getOffset).toList());
        assertTrue(decoded.get(0).getReason().startsWith("NON_FINITE"), decoded.get(0).getReason());
        assertTrue(decoded.get(1).getReason().startsWith("UNDESERIALISABLE"), decoded.get(1).getReason());
        assertEquals("classification", decoded.get(1).getService());
        assertArrayEquals(new byte[] {0, 0, 0, 0, 99, 1, 2, 3}, decoded.get(1).getValue().array(),
                "the original bytes are kept for replay");
        assertArrayEquals("other".getBytes(StandardCharsets.UTF_8), dlq.get(3).key());

        SpecificAvroDeserializer<SongStatus> statuses = deserializer();
        List<SongStatus> failed = result.output().stream().filter(r -> r.topic().equals(Topics.SONG_STATUS))
                .map(r -> statuses.deserialize(r.topic(), r.value())).toList();
        assertEquals(4, failed.size(), "each song that lost a window is marked FAILED");
        assertTrue(failed.stream().allMatch(st -> st.getStage() == SongStage.FAILED));
        assertEquals(List.of("song", "song", "song", "other"), failed.stream().map(SongStatus::getSongId).toList());
        assertTrue(failed.get(0).getDetail().contains("NON_FINITE"), failed.get(0).getDetail());
    }

    @Test
    void anEngineFailureOnOneWindowCostsOnlyThatWindow() {
        WindowFeatures a = features("s", 0, 0f);
        WindowFeatures poison = features("s", 1, 1f);
        WindowFeatures c = features("s", 2, 2f);
        float marker = poison.getMfcc().get(0);
        GenreClassifier flaky = new GenreClassifier() {
            @Override
            public BatchOutput classify(List<float[]> windows) {
                for (float[] w : windows) {
                    if (w[0] == marker) {
                        throw new InferenceException("engine rejected the input");
                    }
                }
                return classifier.classify(windows);
            }

            @Override
            public ModelDescriptor descriptor() {
                return classifier.descriptor();
            }

            @Override
            public void close() {
            }
        };
        ProcessedBatch result = processor(flaky).process(List.of(record(0, a), record(1, poison), record(2, c)));
        assertEquals(2, result.classified());
        assertEquals(Map.of(RejectionReason.INFERENCE_FAILED, 1), result.rejected());
    }

    @Test
    void aLogMelModelOfThreeGenresReadsTheLogMelAndLabelsWithItsOwnGenres(@TempDir Path modelDir) throws Exception {
        List<String> genres = List.of("ambient", "folk", "techno");
        TinyGenreModel logMel = new TinyGenreModel(7, "logmel", genres, 32);
        try (DjlGenreClassifier model = DjlGenreClassifier.load(logMel.writeTo(modelDir), ComputeDevice.CPU,
                Path.of(System.getProperty("user.home"), ".djl.ai"))) {
            assertTrue(model.descriptor().readsLogMel());
            WindowBatchProcessor p = new WindowBatchProcessor(model, WindowValidator.forModel(model.descriptor()),
                    deserializer(), serializer(), serializer(),
                    new AvroDeadLetterWriter("classification", serializer(), clock), clock);
            WindowFeatures good = features("song", 0, 0f);
            List<Float> mel = new ArrayList<>();
            for (int i = 0; i < 130 * 128; i++) {
                mel.add((float) (Math.cos(i * 0.003) * 20 - 40));
            }
            good.setLogMelShape(List.of(130, 128));
            good.setLogMel(mel);
            WindowFeatures noLogMel = features("song", 1, 1f);   // an extractor that skipped the log-mel
            WindowFeatures badLogMel = features("song", 2, 2f);
            badLogMel.setLogMelShape(List.of(130, 128));
            badLogMel.setLogMel(new ArrayList<>(mel));
            badLogMel.getLogMel().set(77, Float.POSITIVE_INFINITY);
            badLogMel.getMfcc().set(0, 1f);   // a fine MFCC does not hide a bad log-mel

            ProcessedBatch result = p.process(List.of(record(1, good), record(2, noLogMel), record(3, badLogMel)));

            assertEquals(1, result.classified());
            assertEquals(Map.of(RejectionReason.WRONG_SHAPE, 1, RejectionReason.NON_FINITE, 1), result.rejected());
            SpecificAvroDeserializer<WindowPrediction> predictions = deserializer();
            WindowPrediction predicted = result.output().stream()
                    .filter(r -> r.topic().equals(Topics.WINDOW_PREDICTIONS))
                    .map(r -> predictions.deserialize(r.topic(), r.value())).findFirst().orElseThrow();
            assertEquals(genres, predicted.getGenres().stream().map(Object::toString).toList());
            float[] window = new float[mel.size()];
            for (int i = 0; i < window.length; i++) {
                window[i] = mel.get(i);
            }
            float[] expected = logMel.reference(window)[0];
            assertEquals(3, predicted.getProbabilities().size());
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], predicted.getProbabilities().get(i), 1e-4f);
            }
            assertEquals(32, predicted.getEmbedding().size(), "the embedding size is the model's");
        }
    }
}
