package dev.timbre.classification.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import dev.timbre.model.InvalidModelException;
import dev.timbre.model.ModelDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The genre CNN served by DJL on TensorFlow: loads the SavedModel's {@code serving_default} signature and
 * runs one forward pass per batch. Not thread-safe (one predictor); the inference loop is its only caller.
 */
public final class DjlGenreClassifier implements GenreClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(DjlGenreClassifier.class);
    private static final String ENGINE = "TensorFlow";

    private final ModelDescriptor descriptor;
    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final Shape windowShape;
    private final int windowLength;

    private DjlGenreClassifier(ModelDescriptor descriptor, ZooModel<NDList, NDList> model) {
        this.descriptor = descriptor;
        this.model = model;
        this.predictor = model.newPredictor();
        this.windowShape = new Shape(descriptor.inputShape().stream().mapToLong(Integer::longValue).toArray());
        this.windowLength = Math.toIntExact(windowShape.size());
    }

    /**
     * Loads the SavedModel in {@code modelDir} (with its {@code model.json}).
     *
     * @param cacheDir where DJL keeps the extracted TensorFlow natives
     */
    public static DjlGenreClassifier load(Path modelDir, ComputeDevice device, Path cacheDir) {
        TensorFlowNatives.prepare(cacheDir);
        ModelDescriptor descriptor = ModelDescriptor.read(modelDir);
        Engine engine = Engine.getEngine(ENGINE);
        Device target = device == ComputeDevice.GPU ? Device.gpu() : Device.cpu();
        if (device == ComputeDevice.GPU && engine.getGpuCount() == 0) {
            throw new InferenceException("classification.engine.device=gpu but TensorFlow sees no GPU "
                    + "(build with -Pcuda and provide the CUDA runtime)");
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(modelDir)
                .optEngine(ENGINE)
                .optDevice(target)
                .optOption("Tags", "serve")
                .optOption("SignatureDefKey", "serving_default")
                .build();
        try {
            ZooModel<NDList, NDList> model = criteria.loadModel();
            LOG.info("loaded genre model {} from {} on {} (TensorFlow {})", descriptor.modelVersion(), modelDir,
                    target, engine.getVersion());
            return new DjlGenreClassifier(descriptor, model);
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            throw new InvalidModelException("cannot load SavedModel from " + modelDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BatchOutput classify(List<float[]> windows) {
        int n = windows.size();
        if (n == 0) {
            return new BatchOutput(new float[0][], new float[0][]);
        }
        float[] flat = new float[n * windowLength];
        for (int i = 0; i < n; i++) {
            float[] window = windows.get(i);
            if (window.length != windowLength) {
                throw new IllegalArgumentException("window " + i + " has " + window.length + " values, expected "
                        + windowLength);
            }
            System.arraycopy(window, 0, flat, i * windowLength, windowLength);
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(flat, new Shape(n).addAll(windowShape));
            input.setName(descriptor.inputName());
            NDList outputs = predictor.predict(new NDList(input));
            float[][] probabilities = rows(output(outputs, descriptor.probabilitiesName()), n);
            float[][] embeddings = rows(output(outputs, descriptor.embeddingName()), n);
            return new BatchOutput(probabilities, embeddings);
        } catch (TranslateException | RuntimeException e) {
            throw new InferenceException("inference failed on a batch of " + n + ": " + e.getMessage(), e);
        }
    }

    private static NDArray output(NDList outputs, String name) {
        NDArray array = outputs.get(name);
        if (array == null) {
            throw new InferenceException("model output '" + name + "' missing; outputs: "
                    + outputs.stream().map(NDArray::getName).toList());
        }
        return array;
    }

    private static float[][] rows(NDArray array, int n) {
        Shape shape = array.getShape();
        if (shape.dimension() != 2 || shape.get(0) != n) {
            throw new InferenceException("output '" + array.getName() + "' has shape " + shape + ", expected (" + n
                    + ", k)");
        }
        int width = Math.toIntExact(shape.get(1));
        float[] flat = array.toFloatArray();
        float[][] out = new float[n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
