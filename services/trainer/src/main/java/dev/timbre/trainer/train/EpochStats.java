package dev.timbre.trainer.train;

/** Per-epoch figures, as printed and recorded in the evaluation. */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double seconds) {
}
