package dev.timbre.trainer.export;

import java.io.IOException;
import java.nio.file.Path;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.timbre.model.ModelDescriptor;
import dev.timbre.trainer.tf.TensorFlowNatives;

/**
 * An exported genre model loaded the way the classification service loads it (DJL, engine TensorFlow,
 * tags {@code serve}, signature {@code serving_default}, offline), described by its {@code model.json}.
 * Not thread-safe.
 */
public final class ExportedModel implements AutoCloseable {

    /** Outputs for a batch, row-major: {@code n*classes} probabilities, {@code n*embeddingSize} embeddings. */
    public record Outputs(float[] probabilities, float[] embeddings) {
    }

    private final ModelDescriptor descriptor;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final Shape window;

    private ExportedModel(ModelDescriptor descriptor, ZooModel<NDList, NDList> model) {
        this.descriptor = descriptor;
        this.model = model;
        this.predictor = model.newPredictor();
        this.window = new Shape(descriptor.inputShape().stream().mapToLong(Integer::longValue).toArray());
    }

    public static ExportedModel load(Path dir) {
        TensorFlowNatives.ensureLoaded();
        ModelDescriptor descriptor = ModelDescriptor.read(dir);
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optEngine("TensorFlow")
                .optModelPath(dir)
                .optOption("Tags", "serve")
                .optOption("SignatureDefKey", SavedModelWriter.SIGNATURE)
                .build();
        try {
            return new ExportedModel(descriptor, criteria.loadModel());
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("DJL could not load the SavedModel at " + dir + ": " + e.getMessage(), e);
        }
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** Runs {@code n} windows ({@code n} times the model's input length, frame-major). */
    public Outputs predict(float[] windows, int n) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(windows, new Shape(n).addAll(window));
            x.setName(descriptor.inputName());
            NDList out = predictor.predict(new NDList(x));
            return new Outputs(byName(out, descriptor.probabilitiesName()).toFloatArray(),
                    byName(out, descriptor.embeddingName()).toFloatArray());
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    private static NDArray byName(NDList list, String name) {
        NDArray a = list.get(name);
        if (a == null) {
            throw new IllegalStateException("SavedModel output '" + name + "' missing; DJL returned "
                    + list.stream().map(NDArray::getName).toList());
        }
        return a;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
