package dev.timbre.classification.profile;

import dev.timbre.classification.config.KafkaSettings;
import dev.timbre.platform.kafka.TimbreTopics;
import dev.timbre.platform.kafka.TopicSpec;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.classification.WindowPrediction;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/**
 * {@code window.predictions} → per-song aggregation → {@code song.profiles} (+ CLASSIFIED on {@code song.status}).
 *
 * <p>Runs with {@code exactly_once_v2}: the store update, its changelog, the profile, the status and the
 * input offsets commit in one transaction, so a crash never double-counts a window nor loses one. Windows
 * redelivered from upstream (the inference loop is exactly-once too, but a re-run of a song is not) are
 * dropped by the accumulator's seen-window set.
 */
public final class ProfileTopology {

    public static final String ACCUMULATOR_STORE = "song-accumulators";
    public static final String SONGS_STORE = "songs-registered";
    /** Reported as {@code SongStatus.service}. */
    public static final String SERVICE = KafkaSettings.SERVICE;

    private ProfileTopology() {
    }

    /**
     * @param serdeConfig registry settings for the Avro serdes ({@code schema.registry.url}, ...)
     */
    public static Topology build(Map<String, ?> serdeConfig) {
        TopicSpec.Bound<String, WindowPrediction> predictions = TimbreTopics.WINDOW_PREDICTIONS.serdes(serdeConfig);
        TopicSpec.Bound<String, SongRegistered> registered = TimbreTopics.SONGS_REGISTERED.serdes(serdeConfig);
        TopicSpec.Bound<String, SongProfile> profileTopic = TimbreTopics.SONG_PROFILES.serdes(serdeConfig);
        TopicSpec.Bound<String, SongStatus> status = TimbreTopics.SONG_STATUS.serdes(serdeConfig);
        var keys = Serdes.String();

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ACCUMULATOR_STORE), keys, new SongAccumulatorSerde()));

        KTable<String, SongRegistered> songs = builder.table(registered.name(),
                Consumed.with(registered.keys(), registered.values()), Materialized.as(SONGS_STORE));

        KStream<String, SongProfile> profiles = builder
                .stream(predictions.name(), Consumed.with(predictions.keys(), predictions.values()))
                .processValues(() -> new SongAggregator(ACCUMULATOR_STORE), ACCUMULATOR_STORE)
                .leftJoin(songs, SongAccumulator::toProfile, Joined.with(keys, null, registered.values()));

        profiles.to(profileTopic.name(), Produced.with(profileTopic.keys(), profileTopic.values()));
        profiles.mapValues(ProfileTopology::classified)
                .to(status.name(), Produced.with(status.keys(), status.values()));
        return builder.build();
    }

    static SongStatus classified(SongProfile profile) {
        return SongStatus.newBuilder()
                .setSongId(profile.getSongId())
                .setStage(SongStage.CLASSIFIED)
                .setDetail(profile.getWindowCount() + " windows, " + profile.getTopGenre())
                .setService(SERVICE)
                .setUpdatedAt(profile.getUpdatedAt())
                .build();
    }
}
