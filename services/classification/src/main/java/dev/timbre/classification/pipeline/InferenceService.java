package dev.timbre.classification.pipeline;

import dev.timbre.classification.batch.MicroBatcher;
import dev.timbre.classification.config.ClassificationConfig;
import dev.timbre.classification.config.KafkaSettings;
import dev.timbre.classification.inference.DjlGenreClassifier;
import dev.timbre.classification.inference.GenreClassifier;
import dev.timbre.model.ModelDescriptor;
import dev.timbre.classification.model.ModelLocator;
import dev.timbre.classification.validation.WindowValidator;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.Topics;
import dev.timbre.schema.classification.WindowPrediction;
import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.song.SongStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;

/** Owns the genre model and the inference loop's thread for the life of the application. */
@Singleton
@Requires(property = "classification.inference.enabled", notEquals = "false")
public class InferenceService implements ApplicationEventListener<ServerStartupEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceService.class);

    private final ClassificationConfig config;
    private final MeterRegistry meters;
    private GenreClassifier classifier;
    /** The bundled model's temporary copy, removed on close; null when serving an operator's directory. */
    private Path extractedModel;
    private InferenceLoop loop;
    private Thread thread;

    public InferenceService(ClassificationConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        Path modelDir = ModelLocator.locate(config.getModel().getPath());
        boolean bundled = config.getModel().getPath() == null || config.getModel().getPath().isBlank();
        extractedModel = bundled ? modelDir : null;
        classifier = DjlGenreClassifier.load(modelDir, config.getEngine().getDevice(),
                Path.of(config.getEngine().getCacheDir()));
        ModelDescriptor model = classifier.descriptor();
        KafkaSettings kafka = new KafkaSettings(config);

        var featuresDeserializer = new SpecificAvroDeserializer<WindowFeatures>();
        featuresDeserializer.configure(kafka.serde(), false);
        var predictionSerializer = new SpecificAvroSerializer<WindowPrediction>();
        predictionSerializer.configure(kafka.serde(), false);
        var statusSerializer = new SpecificAvroSerializer<SongStatus>();
        statusSerializer.configure(kafka.serde(), false);
        var deadLetterSerializer = new SpecificAvroSerializer<DeadLetter>();
        deadLetterSerializer.configure(kafka.serde(), false);

        Clock clock = Clock.systemUTC();
        WindowBatchProcessor processor = new WindowBatchProcessor(classifier,
                WindowValidator.forModel(model),
                featuresDeserializer, predictionSerializer, statusSerializer,
                new AvroDeadLetterWriter(KafkaSettings.SERVICE, deadLetterSerializer, clock), clock);
        loop = new InferenceLoop(new KafkaConsumer<>(kafka.inferenceConsumer()),
                new KafkaProducer<>(kafka.inferenceProducer()), Topics.AUDIO_FEATURES,
                new MicroBatcher<>(config.getBatch().getMaxSize(), config.getBatch().getMaxWait()),
                processor, new InferenceMetrics(meters));
        thread = new Thread(loop, "inference-loop");
        thread.start();
        LOG.info("classifying {} with model {} (batch ≤ {}, wait ≤ {})", Topics.AUDIO_FEATURES,
                model.modelVersion(), config.getBatch().getMaxSize(), config.getBatch().getMaxWait());
    }

    public InferenceLoop.State state() {
        return loop == null ? InferenceLoop.State.STARTING : loop.state();
    }

    @PreDestroy
    @Override
    public synchronized void close() throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(10_000);
        }
        if (classifier != null) {
            classifier.close();
        }
        if (extractedModel != null) {
            ModelLocator.deleteExtracted(extractedModel);
        }
    }
}
