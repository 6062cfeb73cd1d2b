package dev.timbre.audio.dsp;

/**
 * {@code librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=80.0)} in librosa's float32 arithmetic:
 * {@code 10*log10(max(amin, S)) - 10*log10(max(amin, ref))}, then every value is raised to at least
 * {@code max - topDb}, where {@code max} is the maximum over the <em>whole array passed in</em>.
 * That is why a song is converted window by window: the seed model was trained on per-window dB.
 */
public final class PowerToDb {

    /** Defaults used by the Timbre feature contract: ref 1, amin 1e-10, top_db 80. */
    public static final PowerToDb DEFAULT = new PowerToDb(1.0, 1e-10, 80.0);

    private final float amin;
    private final float refDb;
    private final double topDb;

    /**
     * @param ref   reference power mapped to 0 dB (librosa {@code ref}, a scalar here)
     * @param amin  floor applied before the log, avoids log(0) (librosa {@code amin}), must be > 0
     * @param topDb dynamic range kept below the array's maximum; {@code NaN} or negative disables
     *              the clamp (librosa {@code top_db=None})
     */
    public PowerToDb(double ref, double amin, double topDb) {
        if (!(amin > 0)) {
            throw new IllegalArgumentException("amin must be > 0");
        }
        this.amin = (float) amin;
        this.refDb = (float) (10.0 * Math.log10(Math.max(amin, Math.abs(ref))));
        this.topDb = topDb;
    }

    /** Converts {@code power} (any layout, flattened) in place to dB and returns it. */
    public float[] applyInPlace(float[] power) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < power.length; i++) {
            float v = Math.max(amin, power[i]);
            float db = (float) (10.0 * (float) FastLog10.log10(v)) - refDb; // = Math.log10 after rounding, see FastLog10
            power[i] = db;
            if (db > max) {
                max = db;
            }
        }
        if (topDb >= 0 && power.length > 0) {
            float floor = (float) (max - topDb);
            for (int i = 0; i < power.length; i++) {
                if (power[i] < floor) {
                    power[i] = floor;
                }
            }
        }
        return power;
    }
}
