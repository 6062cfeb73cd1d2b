package dev.timbre.classification.inference;

import dev.timbre.model.ModelDescriptor;

import java.util.List;

/** The genre CNN: a batch of windows (MFCC or log-mel, as the model's descriptor says) in, genre probabilities and embeddings out. */
public interface GenreClassifier extends AutoCloseable {

    /**
     * @param windows each a flattened window of the model's input shape (frame-major), already validated
     * @throws InferenceException when the engine fails on the whole batch
     */
    BatchOutput classify(List<float[]> windows);

    ModelDescriptor descriptor();

    @Override
    void close();
}
