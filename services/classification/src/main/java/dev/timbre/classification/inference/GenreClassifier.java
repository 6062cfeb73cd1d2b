package dev.timbre.classification.inference;

import dev.timbre.classification.model.ModelDescriptor;

import java.util.List;

/** The genre CNN: a batch of MFCC windows in, genre probabilities and embeddings out. */
public interface GenreClassifier extends AutoCloseable {

    /**
     * @param mfccWindows each a flattened [130, 13, 1] window (frame-major), already validated
     * @throws InferenceException when the engine fails on the whole batch
     */
    BatchOutput classify(List<float[]> mfccWindows);

    ModelDescriptor descriptor();

    @Override
    void close();
}
