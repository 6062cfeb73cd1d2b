package dev.timbre.model.serving;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.timbre.model.InvalidModelException;
import dev.timbre.model.ModelDescriptor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The one way a genre SavedModel is loaded and run: DJL on TensorFlow (natives from {@link TensorFlowNatives}),
 * tags {@code serve}, signature {@link #SIGNATURE}, offline, described by its {@code model.json}, translated by
 * {@link GenreTranslator}. The trainer checks every export with it; the classification service serves with it.
 * Not thread-safe (one predictor).
 */
public final class GenreModel implements AutoCloseable {
    /** The SavedModel's tag set. */
    public static final String TAGS = "serve";
    /** The signature the trainer writes and the services call. */
    public static final String SIGNATURE = "serving_default";

    private final ModelDescriptor descriptor;
    private final ZooModel<GenreTranslator.Windows, GenreTranslator.Output> model;
    private final Predictor<GenreTranslator.Windows, GenreTranslator.Output> predictor;
    private final Device device;

    private GenreModel(ModelDescriptor descriptor, ZooModel<GenreTranslator.Windows, GenreTranslator.Output> model,
                       Device device) {
        this.descriptor = descriptor;
        this.model = model;
        this.predictor = model.newPredictor();
        this.device = device;
    }

    /** On the CPU, natives from the default DJL cache. */
    public static GenreModel load(Path modelDir) {
        TensorFlowNatives.ensureLoaded();
        return load(modelDir, Device.cpu());
    }

    /**
     * Loads {@code modelDir} (a SavedModel with its {@code model.json}) on {@code device}; the natives must have been
     * prepared ({@link TensorFlowNatives#prepare} or {@link TensorFlowNatives#ensureLoaded}).
     *
     * @throws InvalidModelException when the directory is not a loadable genre model
     */
    public static GenreModel load(Path modelDir, Device device) {
        ModelDescriptor descriptor = ModelDescriptor.read(modelDir);
        Criteria<GenreTranslator.Windows, GenreTranslator.Output> criteria = Criteria.builder()
                .setTypes(GenreTranslator.Windows.class, GenreTranslator.Output.class)
                .optModelPath(modelDir)
                .optEngine(TensorFlowNatives.ENGINE)
                .optDevice(device)
                .optOption("Tags", TAGS)
                .optOption("SignatureDefKey", SIGNATURE)
                .optTranslator(new GenreTranslator(descriptor))
                .build();
        try {
            return new GenreModel(descriptor, criteria.loadModel(), device);
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            throw new InvalidModelException("cannot load SavedModel from " + modelDir + ": " + e.getMessage(), e);
        }
    }

    /** How many GPUs the TensorFlow engine sees. */
    public static int gpuCount() {
        return Engine.getEngine(TensorFlowNatives.ENGINE).getGpuCount();
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    public Device device() {
        return device;
    }

    /** One forward pass over {@code n} windows ({@code n} times the model's input length, frame-major). */
    public GenreTranslator.Output predict(float[] windows, int n) throws TranslateException {
        return predictor.predict(new GenreTranslator.Windows(windows, n));
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
