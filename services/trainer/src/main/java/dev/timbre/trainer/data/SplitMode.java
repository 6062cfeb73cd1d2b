package dev.timbre.trainer.data;

/** How songs are assigned to train / validation / test. */
public enum SplitMode {
    /** By the data's own {@code train/}, {@code valid/}, {@code test/} folders (the published split). */
    FOLDERS,
    /** Seeded, stratified per genre, by song: only for data without parts, and labelled so in every report. */
    RANDOM;

    public static SplitMode named(String name) {
        for (SplitMode m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown split '" + name + "' (folders|random)");
    }
}
