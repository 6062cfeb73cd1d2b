package dev.timbre.model;

/**
 * How a song's window predictions become its genre distribution: the mean of the windows'
 * log-probabilities, renormalised (a normalised geometric mean, i.e. the windows treated as independent
 * evidence). A genre must be plausible in every window: one window that firmly rules it out counts against
 * it, where an arithmetic mean lets the most confident windows decide. The trainer selects and reports
 * models with this rule, and the classification service builds song profiles with it.
 */
public final class SongAggregation {

    /** Probabilities are floored here before the log, so one window's hard zero cannot veto a genre. */
    public static final double PROBABILITY_FLOOR = 1e-7;

    private SongAggregation() {
    }

    /** The log of a window probability, as summed by {@link #distribution}. */
    public static double logProbability(double p) {
        return Math.log(Math.max(PROBABILITY_FLOOR, p));
    }

    /**
     * @param logProbabilitySums per genre, the sum of {@link #logProbability} over the song's windows
     * @param windows            how many windows were summed
     * @return the song's genre distribution (sums to 1); all zeros when {@code windows} is 0
     */
    public static float[] distribution(double[] logProbabilitySums, int windows) {
        float[] out = new float[logProbabilitySums.length];
        if (windows <= 0 || out.length == 0) {
            return out;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double s : logProbabilitySums) {
            max = Math.max(max, s / windows);
        }
        double total = 0;
        double[] e = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            e[i] = Math.exp(logProbabilitySums[i] / windows - max);
            total += e[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (e[i] / total);
        }
        return out;
    }

    /** The distribution of a song whose window probabilities are the rows of {@code windowProbabilities}. */
    public static float[] ofWindows(float[][] windowProbabilities) {
        if (windowProbabilities.length == 0) {
            return new float[0];
        }
        double[] sums = new double[windowProbabilities[0].length];
        for (float[] row : windowProbabilities) {
            for (int g = 0; g < sums.length; g++) {
                sums[g] += logProbability(row[g]);
            }
        }
        return distribution(sums, windowProbabilities.length);
    }

    /** Index of the largest value (the first on ties). */
    public static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
