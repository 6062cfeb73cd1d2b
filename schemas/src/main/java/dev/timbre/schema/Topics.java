package dev.timbre.schema;

/**
 * Names of the Kafka topics the services exchange. The declarative list with partitions, retention
 * and compaction is {@code infra/topics.yaml}; a test in infra checks the two agree.
 */
public final class Topics {
    /** {@link dev.timbre.schema.song.SongRegistered}, key songId. Written by ingest. */
    public static final String SONGS_REGISTERED = "songs.registered";
    /** {@link dev.timbre.schema.features.WindowFeatures}, key songId. Written by feature-extraction. */
    public static final String AUDIO_FEATURES = "audio.features";
    /** {@link dev.timbre.schema.classification.WindowPrediction}, key songId. Written by classification. */
    public static final String WINDOW_PREDICTIONS = "window.predictions";
    /** {@link dev.timbre.schema.classification.SongProfile}, key songId, compacted. Written by classification. */
    public static final String SONG_PROFILES = "song.profiles";
    /** {@link dev.timbre.schema.user.UserEvent}, key userId. Written by ingest. */
    public static final String USER_EVENTS = "user.events";
    /** {@link dev.timbre.schema.recommendation.RecommendationList}, key userId, compacted. Written by recommendation. */
    public static final String RECOMMENDATIONS = "recommendations";
    /** {@link dev.timbre.schema.song.SongStatus}, key songId, compacted. Written by every stage. */
    public static final String SONG_STATUS = "song.status";

    /** Suffix of the dead-letter topic kept for every input topic ({@link dev.timbre.schema.dlq.DeadLetter}). */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    public static String deadLetterOf(String inputTopic) {
        return inputTopic + DEAD_LETTER_SUFFIX;
    }

    private Topics() {
    }
}
