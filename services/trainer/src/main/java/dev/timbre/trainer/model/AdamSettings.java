package dev.timbre.trainer.model;

/** Adam hyper-parameters (Keras defaults except the learning rate, which is configurable). */
public record AdamSettings(float learningRate, float beta1, float beta2, float epsilon, float l2) {

    public static AdamSettings withLearningRate(float learningRate) {
        return new AdamSettings(learningRate, 0.9f, 0.999f, 1e-7f, 0f);
    }

    /** The same with an L2 penalty {@code l2/2 * sum(w^2)} on every kernel added to the training loss. */
    public AdamSettings withL2(float penalty) {
        return new AdamSettings(learningRate, beta1, beta2, epsilon, penalty);
    }
}
