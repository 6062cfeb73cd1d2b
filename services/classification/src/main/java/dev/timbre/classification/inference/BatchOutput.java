package dev.timbre.classification.inference;

/**
 * The CNN's output for a batch, row {@code i} belonging to input window {@code i}.
 *
 * @param probabilities [n][genres] softmax rows
 * @param embeddings [n][64] penultimate-layer activations
 */
public record BatchOutput(float[][] probabilities, float[][] embeddings) {

    public int size() {
        return probabilities.length;
    }
}
