package dev.timbre.platform.kafka;

import dev.timbre.schema.Topics;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.classification.WindowPrediction;
import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongStatus;
import dev.timbre.schema.user.UserEvent;

/** Timbre's topics ({@link Topics}, infra/topics.yaml) bound to their record types. */
public final class TimbreTopics {
    public static final TopicSpec<String, SongRegistered> SONGS_REGISTERED = TopicSpec.of(Topics.SONGS_REGISTERED, SongRegistered.class);
    public static final TopicSpec<String, WindowFeatures> AUDIO_FEATURES = TopicSpec.of(Topics.AUDIO_FEATURES, WindowFeatures.class);
    public static final TopicSpec<String, WindowPrediction> WINDOW_PREDICTIONS = TopicSpec.of(Topics.WINDOW_PREDICTIONS, WindowPrediction.class);
    public static final TopicSpec<String, SongProfile> SONG_PROFILES = TopicSpec.of(Topics.SONG_PROFILES, SongProfile.class);
    public static final TopicSpec<String, UserEvent> USER_EVENTS = TopicSpec.of(Topics.USER_EVENTS, UserEvent.class);
    public static final TopicSpec<String, RecommendationList> RECOMMENDATIONS = TopicSpec.of(Topics.RECOMMENDATIONS, RecommendationList.class);
    public static final TopicSpec<String, SongStatus> SONG_STATUS = TopicSpec.of(Topics.SONG_STATUS, SongStatus.class);

    private TimbreTopics() {
    }

    /** {@code <topic>.dlq} of a topic (keys: the original key bytes, as a String topic would have them). */
    public static TopicSpec<String, DeadLetter> deadLettersOf(TopicSpec<String, ?> topic) {
        return TopicSpec.of(Topics.deadLetterOf(topic.name()), DeadLetter.class);
    }
}
