package dev.timbre.classification.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.translate.TranslateException;
import dev.timbre.model.ModelDescriptor;
import dev.timbre.model.serving.GenreModel;
import dev.timbre.model.serving.GenreTranslator;
import dev.timbre.model.serving.TensorFlowNatives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * The genre CNN served by DJL on TensorFlow through timbre-model's {@link GenreModel} (the same loader and
 * {@link GenreTranslator} the trainer checks every export with): one forward pass per batch. Not thread-safe (one
 * predictor); the inference loop is its only caller.
 */
public final class DjlGenreClassifier implements GenreClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(DjlGenreClassifier.class);

    private final GenreModel model;
    private final int windowLength;

    private DjlGenreClassifier(GenreModel model) {
        this.model = model;
        this.windowLength = model.descriptor().inputLength();
    }

    /**
     * Loads the SavedModel in {@code modelDir} (with its {@code model.json}).
     *
     * @param cacheDir where DJL keeps the extracted TensorFlow natives
     */
    public static DjlGenreClassifier load(Path modelDir, ComputeDevice device, Path cacheDir) {
        TensorFlowNatives.prepare(cacheDir);
        Device target = device == ComputeDevice.GPU ? Device.gpu() : Device.cpu();
        if (device == ComputeDevice.GPU && GenreModel.gpuCount() == 0) {
            throw new InferenceException("timbre.classification.engine.device=gpu but TensorFlow sees no GPU "
                    + "(build with -Pcuda and provide the CUDA runtime)");
        }
        GenreModel model = GenreModel.load(modelDir, target);
        LOG.info("loaded genre model {} from {} on {} (TensorFlow {})", model.descriptor().modelVersion(), modelDir,
                target, Engine.getEngine(TensorFlowNatives.ENGINE).getVersion());
        return new DjlGenreClassifier(model);
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
        GenreTranslator.Output out;
        try {
            out = model.predict(flat, n);
        } catch (TranslateException | RuntimeException e) {
            throw new InferenceException("inference failed on a batch of " + n + ": " + e.getMessage(), e);
        }
        if (out.probabilities().length != n || out.embeddings().length != n) {
            throw new InferenceException("the model answered " + out.probabilities().length + " rows for a batch of " + n);
        }
        return new BatchOutput(out.probabilities(), out.embeddings());
    }

    @Override
    public ModelDescriptor descriptor() {
        return model.descriptor();
    }

    @Override
    public void close() {
        model.close();
    }
}
