package dev.timbre.classification.pipeline;

import dev.timbre.classification.config.KafkaSettings;
import dev.timbre.classification.inference.BatchOutput;
import dev.timbre.classification.inference.GenreClassifier;
import dev.timbre.classification.inference.InferenceException;
import dev.timbre.model.ModelDescriptor;
import dev.timbre.classification.validation.Rejection;
import dev.timbre.classification.validation.RejectionReason;
import dev.timbre.classification.validation.WindowValidator;
import dev.timbre.schema.Topics;
import dev.timbre.schema.classification.WindowPrediction;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one batch of raw {@code audio.features} records into predictions and dead letters: decode and
 * validate each window on its own, run the valid ones through the CNN in one forward pass, and dead-letter
 * the rest with their reason (and mark the song FAILED on {@code song.status}: it cannot complete without
 * that window). A bad window never costs its neighbours their prediction: if the engine fails on the batch,
 * the windows are retried one by one and only the failing one is dead-lettered.
 */
public final class WindowBatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(WindowBatchProcessor.class);

    private final GenreClassifier classifier;
    private final WindowValidator validator;
    private final Deserializer<WindowFeatures> featuresDeserializer;
    private final Serializer<WindowPrediction> predictionSerializer;
    private final Serializer<SongStatus> statusSerializer;
    private final DeadLetterWriter deadLetters;
    private final Clock clock;

    public WindowBatchProcessor(GenreClassifier classifier, WindowValidator validator,
                                Deserializer<WindowFeatures> featuresDeserializer,
                                Serializer<WindowPrediction> predictionSerializer,
                                Serializer<SongStatus> statusSerializer,
                                DeadLetterWriter deadLetters, Clock clock) {
        this.classifier = classifier;
        this.validator = validator;
        this.featuresDeserializer = featuresDeserializer;
        this.predictionSerializer = predictionSerializer;
        this.statusSerializer = statusSerializer;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** A decoded, valid window and the record it came from. */
    private record Window(ConsumerRecord<byte[], byte[]> source, WindowFeatures features, float[] input) {
    }

    /** Either a window ready for the CNN or why the record cannot be one. */
    private record Checked(Window window, Rejection rejection) {
        static Checked ok(Window window) {
            return new Checked(window, null);
        }

        static Checked rejected(RejectionReason reason, String detail) {
            return new Checked(null, new Rejection(reason, detail));
        }
    }

    public ProcessedBatch process(List<ConsumerRecord<byte[], byte[]>> batch) {
        List<ProducerRecord<byte[], byte[]>> output = new ArrayList<>(batch.size());
        Map<RejectionReason, Integer> rejected = new EnumMap<>(RejectionReason.class);
        List<Window> valid = new ArrayList<>(batch.size());

        for (ConsumerRecord<byte[], byte[]> record : batch) {
            Checked checked = decodeAndCheck(record);
            if (checked.window() != null) {
                valid.add(checked.window());
            } else {
                reject(record, checked.rejection(), null, output, rejected);
            }
        }

        List<float[]> inputs = valid.stream().map(Window::input).toList();
        BatchOutput result;
        try {
            result = classifier.classify(inputs);
            for (int i = 0; i < valid.size(); i++) {
                output.add(prediction(valid.get(i), result.probabilities()[i], result.embeddings()[i]));
            }
        } catch (InferenceException batchFailure) {
            LOG.warn("inference failed on a batch of {}, retrying window by window: {}", valid.size(),
                    batchFailure.getMessage());
            for (Window window : valid) {
                try {
                    BatchOutput single = classifier.classify(List.of(window.input()));
                    output.add(prediction(window, single.probabilities()[0], single.embeddings()[0]));
                } catch (InferenceException e) {
                    reject(window.source(), new Rejection(RejectionReason.INFERENCE_FAILED, e.getMessage()), e,
                            output, rejected);
                }
            }
        }
        int classified = (int) output.stream().filter(r -> r.topic().equals(Topics.WINDOW_PREDICTIONS)).count();
        return new ProcessedBatch(output, classified, rejected);
    }

    private Checked decodeAndCheck(ConsumerRecord<byte[], byte[]> record) {
        WindowFeatures features;
        try {
            features = record.value() == null ? null : featuresDeserializer.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return Checked.rejected(RejectionReason.UNDESERIALISABLE, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (features == null) {
            return Checked.rejected(RejectionReason.UNDESERIALISABLE, "null value");
        }
        Optional<Rejection> rejection = validator.check(features);
        if (rejection.isPresent()) {
            return new Checked(null, rejection.get());
        }
        List<Float> input = validator.input(features);   // the tensor the model reads: MFCC or log-mel
        float[] values = new float[input.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = input.get(i);
        }
        return Checked.ok(new Window(record, features, values));
    }

    private void reject(ConsumerRecord<byte[], byte[]> record, Rejection rejection, Throwable error,
                        List<ProducerRecord<byte[], byte[]>> output, Map<RejectionReason, Integer> rejected) {
        LOG.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                rejection.describe());
        output.add(deadLetters.deadLetter(record, rejection.describe(), error));
        rejected.merge(rejection.reason(), 1, Integer::sum);
        if (record.key() != null) {
            // The song cannot complete without this window: say so where operators and the UI look.
            String songId = new String(record.key(), StandardCharsets.UTF_8);
            SongStatus failed = SongStatus.newBuilder()
                    .setSongId(songId)
                    .setStage(SongStage.FAILED)
                    .setDetail("window at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + " dead-lettered: " + rejection.describe())
                    .setService(KafkaSettings.SERVICE)
                    .setUpdatedAt(clock.instant())
                    .build();
            output.add(new ProducerRecord<>(Topics.SONG_STATUS, null, record.key(),
                    statusSerializer.serialize(Topics.SONG_STATUS, failed)));
        }
    }

    private ProducerRecord<byte[], byte[]> prediction(Window window, float[] probabilities, float[] embedding) {
        WindowFeatures features = window.features();
        ModelDescriptor model = classifier.descriptor();
        WindowPrediction prediction = WindowPrediction.newBuilder()
                .setSongId(features.getSongId())
                .setWindowIndex(features.getWindowIndex())
                .setWindowCount(features.getWindowCount())
                .setGenres(model.genres())
                .setProbabilities(boxed(probabilities))
                .setEmbedding(boxed(embedding))
                .setModelVersion(model.modelVersion())
                .setPredictedAt(clock.instant())
                .build();
        byte[] value = predictionSerializer.serialize(Topics.WINDOW_PREDICTIONS, prediction);
        // Same key bytes as the input (songId): the song's predictions stay on one partition, in order.
        return new ProducerRecord<>(Topics.WINDOW_PREDICTIONS, null, window.source().key(), value);
    }

    private static List<Float> boxed(float[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (float v : values) {
            out.add(v);
        }
        return out;
    }
}
