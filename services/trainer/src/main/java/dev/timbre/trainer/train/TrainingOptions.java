package dev.timbre.trainer.train;

/**
 * Knobs of one training run.
 *
 * @param maxEpochs     upper bound on epochs
 * @param patience      early stopping: epochs without a validation improvement before stopping
 * @param minEpochs     early stopping only starts counting after this epoch (Keras' {@code start_from_epoch}):
 *                      batch-norm moving statistics (momentum 0.99) lag the weights early on, which makes the
 *                      first epochs' validation figures misleading
 * @param batchSize     windows per Adam step
 * @param learningRate  Adam (peak) learning rate
 * @param seed          seeds initialisation, shuffling, augmentation and dropout
 * @param threads       TensorFlow CPU threads (1 = reproducible run to run)
 * @param recipe        sampling, augmentation, schedule and selection
 */
public record TrainingOptions(int maxEpochs, int patience, int minEpochs, int batchSize, float learningRate, long seed,
                              int threads, Recipe recipe) {

    /** What the model is selected on at each epoch. */
    public enum Selection {
        /** lowest validation loss */
        LOSS,
        /** highest song-level balanced accuracy (mean per-genre recall), ties broken by window-level, then loss */
        BALANCED_ACCURACY
    }

    /**
     * @param balancedSampling draw windows class-balanced ({@link dev.timbre.trainer.data.WindowBatch#balancedOrder})
     *                         instead of a plain shuffle
     * @param stepsPerEpoch    optimisation steps per epoch; 0 = one pass over the training windows
     * @param augmentation     per-batch augmentation
     * @param cosineSchedule   one warm-up epoch, then cosine decay of the learning rate to 1 % over maxEpochs
     * @param selection        early-stopping and best-epoch criterion
     * @param l2               L2 penalty on the kernels (0 = none)
     * @param emaDecay         validate (and export) an exponential moving average of the weights with this decay
     *                         per step; 0 = the weights as they are
     */
    public record Recipe(boolean balancedSampling, int stepsPerEpoch, BatchAugmenter.Options augmentation,
                         boolean cosineSchedule, Selection selection, float l2, float emaDecay) {

        /** Plain shuffled epochs, constant learning rate, no augmentation, selection on validation loss. */
        public static final Recipe PLAIN = new Recipe(false, 0, BatchAugmenter.Options.NONE, false, Selection.LOSS, 0f, 0f);

        /** The recipe for real recordings: balanced sampling, augmentation, cosine schedule, balanced accuracy. */
        public static Recipe recordings(int stepsPerEpoch) {
            return new Recipe(true, stepsPerEpoch, BatchAugmenter.Options.recordings(), true, Selection.BALANCED_ACCURACY, 1e-4f, 0.998f);
        }

        public Recipe withL2(float penalty) {
            return new Recipe(balancedSampling, stepsPerEpoch, augmentation, cosineSchedule, selection, penalty, emaDecay);
        }

        public Recipe withAugmentation(BatchAugmenter.Options options) {
            return new Recipe(balancedSampling, stepsPerEpoch, options, cosineSchedule, selection, l2, emaDecay);
        }

        public Recipe withEmaDecay(float decay) {
            return new Recipe(balancedSampling, stepsPerEpoch, augmentation, cosineSchedule, selection, l2, decay);
        }
    }

    public TrainingOptions {
        if (maxEpochs < 1 || patience < 1 || minEpochs < 0 || batchSize < 1 || learningRate <= 0 || threads < 1
                || recipe == null || recipe.stepsPerEpoch() < 0) {
            throw new IllegalArgumentException("invalid training options " + this);
        }
    }

    /** The plain recipe (as trained before real recordings arrived). */
    public TrainingOptions(int maxEpochs, int patience, int minEpochs, int batchSize, float learningRate, long seed, int threads) {
        this(maxEpochs, patience, minEpochs, batchSize, learningRate, seed, threads, Recipe.PLAIN);
    }

    /** Learning rate at {@code step} of {@code stepsPerEpoch}-step epochs. */
    public float learningRateAt(long step, int stepsPerEpoch) {
        if (!recipe.cosineSchedule()) {
            return learningRate;
        }
        double epochs = (double) step / Math.max(1, stepsPerEpoch);
        if (epochs < 1) {
            return (float) (learningRate * Math.max(0.05, epochs));
        }
        double progress = Math.min(1, (epochs - 1) / Math.max(1, maxEpochs - 1));
        return (float) (learningRate * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }
}
