package dev.timbre.trainer.train;

/**
 * Figures of one training epoch. Validation figures are measured in inference mode on the validation songs'
 * service windows; song-level figures aggregate a song's windows by their mean log-probability.
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double validationBalancedAccuracy, double validationSongAccuracy,
                         double validationSongBalancedAccuracy, double learningRate, double seconds) {
}
