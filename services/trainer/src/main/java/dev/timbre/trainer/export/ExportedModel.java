package dev.timbre.trainer.export;

import java.nio.file.Path;

import ai.djl.translate.TranslateException;
import dev.timbre.model.ModelDescriptor;
import dev.timbre.model.serving.GenreModel;
import dev.timbre.model.serving.GenreTranslator;

/**
 * An exported genre model loaded exactly the way the classification service loads it: timbre-model's
 * {@link GenreModel} (DJL, engine TensorFlow, tags {@code serve}, signature {@code serving_default}, offline, the
 * genre {@link GenreTranslator}), described by its {@code model.json}. Not thread-safe.
 */
public final class ExportedModel implements AutoCloseable {

    /** Outputs for a batch, row-major: {@code n*classes} probabilities, {@code n*embeddingSize} embeddings. */
    public record Outputs(float[] probabilities, float[] embeddings) {
    }

    private final GenreModel model;

    private ExportedModel(GenreModel model) {
        this.model = model;
    }

    public static ExportedModel load(Path dir) {
        return new ExportedModel(GenreModel.load(dir));
    }

    public ModelDescriptor descriptor() {
        return model.descriptor();
    }

    /** Runs {@code n} windows ({@code n} times the model's input length, frame-major). */
    public Outputs predict(float[] windows, int n) {
        try {
            GenreTranslator.Output out = model.predict(windows, n);
            return new Outputs(flat(out.probabilities()), flat(out.embeddings()));
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    private static float[] flat(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * width, width);
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
