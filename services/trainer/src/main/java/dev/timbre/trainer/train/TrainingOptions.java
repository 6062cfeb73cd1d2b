package dev.timbre.trainer.train;

/**
 * Knobs of one training run.
 *
 * @param maxEpochs     upper bound on epochs
 * @param patience      early stopping: epochs without a validation-loss improvement before stopping
 * @param minEpochs     early stopping only starts counting after this epoch (Keras' {@code start_from_epoch}):
 *                      batch-norm moving statistics (momentum 0.99) lag the weights early on, which makes the
 *                      first epochs' validation loss misleading
 * @param batchSize     windows per Adam step
 * @param learningRate  Adam learning rate
 * @param seed          seeds initialisation, shuffling and dropout
 * @param threads       TensorFlow CPU threads (1 = reproducible run to run)
 */
public record TrainingOptions(int maxEpochs, int patience, int minEpochs, int batchSize, float learningRate, long seed, int threads) {

    public TrainingOptions {
        if (maxEpochs < 1 || patience < 1 || minEpochs < 0 || batchSize < 1 || learningRate <= 0 || threads < 1) {
            throw new IllegalArgumentException("invalid training options " + this);
        }
    }
}
