package dev.timbre.model.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import dev.timbre.model.ModelDescriptor;

/**
 * The genre model's DJL {@link Translator} (the pattern of DJL's own examples): a batch of raw windows in, the
 * named SavedModel input built from it, and the two named outputs (genre probabilities, embeddings) copied out of
 * the engine's arrays into plain rows. Names and shapes come from {@code model.json}; the batch is already formed by
 * the caller, so DJL's batchifier is off.
 */
public final class GenreTranslator implements Translator<GenreTranslator.Windows, GenreTranslator.Output> {

    /** {@code n} windows, each {@code descriptor.inputLength()} floats, frame-major, one after another. */
    public record Windows(float[] flat, int n) {
        public Windows {
            if (n < 0) {
                throw new IllegalArgumentException("n must be ≥ 0");
            }
        }
    }

    /** Per window: the model's genre probabilities (model.json's order) and its embedding. */
    public record Output(float[][] probabilities, float[][] embeddings) {
    }

    private final ModelDescriptor descriptor;
    private final Shape window;

    public GenreTranslator(ModelDescriptor descriptor) {
        this.descriptor = descriptor;
        this.window = new Shape(descriptor.inputShape().stream().mapToLong(Integer::longValue).toArray());
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Windows input) {
        long expected = (long) input.n() * window.size();
        if (input.flat().length != expected) {
            throw new IllegalArgumentException(input.n() + " windows need " + expected + " values, got " + input.flat().length);
        }
        NDArray x = ctx.getNDManager().create(input.flat(), new Shape(input.n()).addAll(window));
        x.setName(descriptor.inputName());
        return new NDList(x);
    }

    @Override
    public Output processOutput(TranslatorContext ctx, NDList list) {
        return new Output(rows(output(list, descriptor.probabilitiesName())), rows(output(list, descriptor.embeddingName())));
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }

    private static NDArray output(NDList outputs, String name) {
        NDArray array = outputs.get(name);
        if (array == null) {
            throw new IllegalStateException("model output '" + name + "' missing; outputs: "
                    + outputs.stream().map(NDArray::getName).toList());
        }
        return array;
    }

    private static float[][] rows(NDArray array) {
        Shape shape = array.getShape();
        if (shape.dimension() != 2) {
            throw new IllegalStateException("output '" + array.getName() + "' has shape " + shape + ", expected (n, k)");
        }
        int n = Math.toIntExact(shape.get(0));
        int width = Math.toIntExact(shape.get(1));
        float[] flat = array.toFloatArray();
        float[][] out = new float[n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * width, out[i], 0, width);
        }
        return out;
    }
}
