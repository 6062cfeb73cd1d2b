package dev.timbre.recommendation.candidates;

import java.util.Random;

/**
 * Clustered random vectors, closer to real embeddings than uniform noise (songs of a genre cluster):
 * a cluster centre plus Gaussian spread.
 */
public final class RandomVectors {

    private final Random random;
    private final int dimensions;
    private final float[][] centres;

    public RandomVectors(long seed, int dimensions, int clusters) {
        this.random = new Random(seed);
        this.dimensions = dimensions;
        this.centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = gaussian(1.0);
        }
    }

    public float[] next() {
        float[] centre = centres[random.nextInt(centres.length)];
        float[] noise = gaussian(0.6);
        for (int i = 0; i < dimensions; i++) {
            noise[i] += centre[i];
        }
        return noise;
    }

    private float[] gaussian(double sigma) {
        float[] v = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            v[i] = (float) (random.nextGaussian() * sigma);
        }
        return v;
    }
}
