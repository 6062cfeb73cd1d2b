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

import dev.timbre.trainer.tf.TensorFlowNatives;

/**
 * Loads an exported SavedModel the way the classification service does (DJL, engine "TensorFlow",
 * offline) and runs it, so an export is only accepted once the serving stack can execute it.
 */
public final class DjlModelCheck {

    /** DJL outputs for a batch, by signature output name. */
    public record Outputs(float[] probabilities, float[] embeddings) {
    }

    private DjlModelCheck() {
    }

    /**
     * @param mfcc {@code n} raw MFCC windows, {@code n*frames*coefficients} floats frame-major
     */
    public static Outputs run(Path savedModelDir, float[] mfcc, int n, int frames, int coefficients) {
        TensorFlowNatives.ensureLoaded();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optEngine("TensorFlow")
                .optModelPath(savedModelDir)
                .build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
             Predictor<NDList, NDList> predictor = model.newPredictor();
             NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(mfcc, new Shape(n, frames, coefficients, 1));
            x.setName(SavedModelWriter.INPUT);
            NDList out = predictor.predict(new NDList(x));
            NDArray probabilities = byName(out, SavedModelWriter.PROBABILITIES);
            NDArray embedding = byName(out, SavedModelWriter.EMBEDDING);
            return new Outputs(probabilities.toFloatArray(), embedding.toFloatArray());
        } catch (IOException | ModelNotFoundException | MalformedModelException | TranslateException e) {
            throw new IllegalStateException("DJL could not run the SavedModel at " + savedModelDir + ": " + e.getMessage(), e);
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
}
