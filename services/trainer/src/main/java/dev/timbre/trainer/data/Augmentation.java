package dev.timbre.trainer.data;

import java.util.SplittableRandom;

/**
 * Per-song level and noise perturbation of synthetic audio, so the model cannot rely on the generator's
 * clean signal and loudness (raw MFCC c0 is log energy): a random gain and white noise at a random SNR,
 * both drawn from the song's own seed (the same song is always perturbed the same way).
 *
 * @param maxAttenuationDb gain is drawn uniformly from [-maxAttenuationDb, 0] dB
 * @param minSnrDb         noise SNR is drawn uniformly from [minSnrDb, maxSnrDb] dB
 * @param maxSnrDb         upper SNR bound
 */
public record Augmentation(double maxAttenuationDb, double minSnrDb, double maxSnrDb) {

    public static final Augmentation NONE = new Augmentation(0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** 0 to -12 dB, SNR 20 to 45 dB. */
    public static Augmentation standard() {
        return new Augmentation(12, 20, 45);
    }

    public boolean enabled() {
        return maxAttenuationDb > 0 || Double.isFinite(minSnrDb);
    }

    /** Returns a perturbed copy of {@code audio}. */
    public float[] apply(float[] audio, long songSeed) {
        if (!enabled()) {
            return audio;
        }
        SplittableRandom rnd = new SplittableRandom(songSeed ^ 0x5DEECE66DL);
        double gain = Math.pow(10, -maxAttenuationDb * rnd.nextDouble() / 20);
        double energy = 0;
        for (float v : audio) {
            energy += (double) v * v;
        }
        double rms = Math.sqrt(energy / Math.max(1, audio.length)) * gain;
        double snrDb = minSnrDb + (maxSnrDb - minSnrDb) * rnd.nextDouble();
        double noiseRms = Double.isFinite(snrDb) ? rms * Math.pow(10, -snrDb / 20) : 0;
        float[] out = new float[audio.length];
        for (int i = 0; i < audio.length; i++) {
            out[i] = (float) (audio[i] * gain + noiseRms * rnd.nextGaussian());
        }
        return out;
    }

    @Override
    public String toString() {
        return enabled()
                ? String.format(java.util.Locale.ROOT, "gain 0..-%.0f dB, white noise SNR %.0f..%.0f dB", maxAttenuationDb, minSnrDb, maxSnrDb)
                : "none";
    }
}
