package dev.timbre.trainer.model;

/** Adam hyper-parameters (Keras defaults except the learning rate, which is configurable). */
public record AdamSettings(float learningRate, float beta1, float beta2, float epsilon) {

    public static AdamSettings withLearningRate(float learningRate) {
        return new AdamSettings(learningRate, 0.9f, 0.999f, 1e-7f);
    }
}
