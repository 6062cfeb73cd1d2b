package dev.timbre.trainer.export;

import java.nio.file.Path;



/**
 * Loads an exported SavedModel (with its model.json) the way the classification service does
 * ({@link ExportedModel}) and runs it, so an export is only accepted once the serving stack can execute it.
 */
public final class DjlModelCheck {

    /** DJL outputs for a batch, by signature output name. */
    public record Outputs(float[] probabilities, float[] embeddings) {
    }

    private DjlModelCheck() {
    }

    /**
     * @param windows {@code n} raw windows of the model's input feature, {@code n*frames*bins} floats frame-major
     * @param input   the signature's input name ({@code mfcc} or {@code logmel})
     */
    public static Outputs run(Path savedModelDir, float[] windows, int n, int frames, int bins, String input) {
        try (ExportedModel model = ExportedModel.load(savedModelDir)) {
            if (!model.descriptor().inputName().equals(input)
                    || model.descriptor().inputLength() != frames * bins) {
                throw new IllegalStateException("SavedModel at " + savedModelDir + " reads '" + model.descriptor().inputName()
                        + "' " + model.descriptor().inputShape() + ", not '" + input + "' [" + frames + ", " + bins + ", 1]");
            }
            ExportedModel.Outputs out = model.predict(windows, n);
            return new Outputs(out.probabilities(), out.embeddings());
        }
    }
}
