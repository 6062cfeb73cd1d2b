package dev.timbre.classification.pipeline;

import dev.timbre.classification.batch.MicroBatcher;
import dev.timbre.classification.config.ClassificationConfig;
import dev.timbre.classification.config.KafkaSettings;
import dev.timbre.classification.inference.DjlGenreClassifier;
import dev.timbre.classification.inference.GenreClassifier;
import dev.timbre.model.ModelDescriptor;
import dev.timbre.classification.model.ModelLocator;
import dev.timbre.classification.validation.WindowValidator;
import dev.timbre.platform.kafka.KafkaClients;
import dev.timbre.platform.lifecycle.ManagedWorker;
import dev.timbre.platform.lifecycle.RunState;
import dev.timbre.schema.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Owns the genre model and the inference loop's thread (a platform {@link ManagedWorker}) for the life of the application. */
@Singleton
@Requires(property = "timbre.classification.inference.enabled", notEquals = "false")
public class InferenceService implements ApplicationEventListener<ServerStartupEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceService.class);

    private final ClassificationConfig config;
    private final KafkaSettings kafka;
    private final MeterRegistry meters;
    private GenreClassifier classifier;
    /** The bundled model's temporary copy, removed on close; null when serving an operator's directory. */
    private Path extractedModel;
    private volatile InferenceLoop loop;
    private ManagedWorker worker;

    public InferenceService(ClassificationConfig config, KafkaSettings kafka, MeterRegistry meters) {
        this.config = config;
        this.kafka = kafka;
        this.meters = meters;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (worker != null) {
            return;
        }
        Path modelDir = ModelLocator.locate(config.model().path());
        boolean bundled = config.model().path() == null || config.model().path().isBlank();
        extractedModel = bundled ? modelDir : null;
        classifier = DjlGenreClassifier.load(modelDir, config.engine().device(),
                Path.of(config.engine().cacheDir()));
        ModelDescriptor model = classifier.descriptor();
        KafkaClients clients = kafka.clients();

        Clock clock = Clock.systemUTC();
        WindowBatchProcessor processor = new WindowBatchProcessor(classifier,
                WindowValidator.forModel(model),
                clients.avroDeserializer(), clients.avroSerializer(), clients.avroSerializer(),
                new AvroDeadLetterWriter(clients.deadLetterFactory(), clients.avroSerializer()), clock);
        InferenceLoop inference = new InferenceLoop(kafka.newInferenceConsumer(), kafka.newInferenceProducer(),
                Topics.AUDIO_FEATURES,
                new MicroBatcher<>(config.batch().maxSize(), config.batch().maxWait()),
                processor, new InferenceMetrics(meters));
        loop = inference;
        worker = ManagedWorker.of("inference-loop", inference, inference::stop, () -> { }, false, Duration.ofSeconds(10));
        worker.start();
        LOG.info("classifying {} with model {} (batch ≤ {}, wait ≤ {})", Topics.AUDIO_FEATURES,
                model.modelVersion(), config.batch().maxSize(), config.batch().maxWait());
    }

    /** The loop's own account (it knows when it has joined the group); STARTING before the server started. */
    public RunState state() {
        InferenceLoop current = loop;
        return current == null ? RunState.STARTING : current.state();
    }

    @PreDestroy
    @Override
    public synchronized void close() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        if (classifier != null) {
            classifier.close();
        }
        if (extractedModel != null) {
            ModelLocator.deleteExtracted(extractedModel);
        }
    }
}
