package dev.timbre.recommendation.topology;

import dev.timbre.platform.kafka.TimbreTopics;
import dev.timbre.platform.kafka.TopicSpec;
import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.catalog.CatalogUpdater;
import dev.timbre.recommendation.catalog.InvalidProfileException;
import dev.timbre.recommendation.catalog.LikeCountUpdater;
import dev.timbre.recommendation.catalog.SongEntry;
import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.recommendation.ranking.Ranker;
import dev.timbre.recommendation.taste.TasteModel;
import dev.timbre.recommendation.taste.TasteStateSerde;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.song.SongStatus;
import dev.timbre.schema.user.UserEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The recommendation topology:
 * <pre>
 * song.profiles ─validate─┬─► &lt;app&gt;.catalog ══► global store "catalog" (+ in-memory index on every instance)
 *                         └─first seen─► song.status (RECOMMENDABLE)
 * user.events ─decode/validate/dedupe/taste/rank─┬─► recommendations (+ queryable store)
 *                                                ├─► user.events.dlq
 *                                                └─► like deltas ─by song─► like-counts ─► &lt;app&gt;.like-counts ══► global store
 * </pre>
 * Profiles and like counts reach every instance through app-owned compacted topics read as global
 * stores, so any instance can score every song and serve cold starts.
 */
public final class RecommendationTopology {

    private static final Logger LOG = LoggerFactory.getLogger(RecommendationTopology.class);

    private RecommendationTopology() {
    }

    /**
     * @param serdeConfig registry settings for the Avro serdes ({@code schema.registry.url}, ...)
     */
    public static Topology build(RecommendationConfig config, Catalog catalog, Map<String, ?> serdeConfig) {
        Serde<String> strings = Serdes.String();
        // Serdes come from the platform's topic bindings; the names are this app's (configurable, prefixed in tests).
        Serde<SongProfile> profiles = TimbreTopics.SONG_PROFILES.named(config.songProfilesTopic()).serdes(serdeConfig).values();
        Serde<SongStatus> statuses = TimbreTopics.SONG_STATUS.named(config.songStatusTopic()).serdes(serdeConfig).values();
        Serde<RecommendationList> lists = TimbreTopics.RECOMMENDATIONS.named(config.recommendationsTopic()).serdes(serdeConfig).values();
        TopicSpec<String, UserEvent> eventTopic = TimbreTopics.USER_EVENTS.named(config.userEventsTopic());
        Serde<UserEvent> events = eventTopic.serdes(serdeConfig).values();
        Serde<DeadLetter> deadLetters = TimbreTopics.deadLettersOf(eventTopic).serdes(serdeConfig).values();

        StreamsBuilder builder = new StreamsBuilder();

        // --- catalog ---
        KStream<String, SongProfile> valid = builder
                .stream(config.songProfilesTopic(), Consumed.with(strings, profiles).withName("song-profiles"))
                .filter((songId, p) -> p == null || acceptable(p, catalog), Named.as("valid-profiles"));
        valid.to(config.catalogTopic(), Produced.with(strings, profiles).withName("to-catalog"));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.SEEN_SONGS), strings, Serdes.Long()));
        valid.process(FirstSeenProcessor::new, Named.as("first-seen"), StoreNames.SEEN_SONGS)
                .to(config.songStatusTopic(), Produced.with(strings, statuses).withName("to-song-status"));

        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CATALOG), strings, profiles)
                        .withLoggingDisabled(),
                config.catalogTopic(),
                Consumed.with(strings, profiles).withName("catalog-source"),
                () -> new CatalogUpdater(StoreNames.CATALOG, catalog));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.GLOBAL_LIKE_COUNTS), strings, Serdes.Long())
                        .withLoggingDisabled(),
                config.likeCountsTopic(),
                Consumed.with(strings, Serdes.Long()).withName("like-counts-source"),
                () -> new LikeCountUpdater(StoreNames.GLOBAL_LIKE_COUNTS, catalog.popularity()));

        // --- users ---
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.TASTE), strings,
                new TasteStateSerde(TasteStateSerde.Format.valueOf(config.tasteFormat().toUpperCase(java.util.Locale.ROOT)))));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.SEEN_EVENTS), strings, Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.LISTS), strings, lists));

        TasteModel model = new TasteModel(catalog::dimensions, config.tasteHalfLife().toMillis(),
                config.recentLikes(), config.maxHistory());
        Ranker ranker = new Ranker(catalog, config);
        KStream<String, Emission> out = builder
                .stream(config.userEventsTopic(), Consumed.with(strings, Serdes.ByteArray()).withName("user-events"))
                .process(() -> new UserEventProcessor(events.deserializer(), model, ranker, catalog, config),
                        Named.as("taste"), StoreNames.TASTE, StoreNames.SEEN_EVENTS, StoreNames.LISTS);

        out.filter((k, e) -> e instanceof Emission.ListUpdate, Named.as("lists"))
                .mapValues(e -> ((Emission.ListUpdate) e).list(), Named.as("list-values"))
                .to(config.recommendationsTopic(), Produced.with(strings, lists).withName("to-recommendations"));
        out.filter((k, e) -> e instanceof Emission.Rejected, Named.as("rejected"))
                .mapValues(e -> ((Emission.Rejected) e).deadLetter(), Named.as("dead-letter-values"))
                .to(config.userEventsDeadLetterTopic(), Produced.with(strings, deadLetters).withName("to-dead-letters"));
        out.filter((k, e) -> e instanceof Emission.LikeDelta, Named.as("likes"))
                .map((k, e) -> KeyValue.pair(((Emission.LikeDelta) e).songId(), ((Emission.LikeDelta) e).delta()),
                        Named.as("by-song"))
                .repartition(Repartitioned.with(strings, Serdes.Long()).withName("like-deltas"))
                .groupByKey(Grouped.with(strings, Serdes.Long()))
                .reduce(Long::sum, Named.as("count-likes"),
                        Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(StoreNames.LIKE_COUNTS)
                                .withKeySerde(strings).withValueSerde(Serdes.Long()))
                .toStream(Named.as("like-count-changes"))
                .to(config.likeCountsTopic(), Produced.with(strings, Serdes.Long()).withName("to-like-counts"));

        return builder.build();
    }

    private static boolean acceptable(SongProfile p, Catalog catalog) {
        try {
            SongEntry.from(p, catalog.dimensionsFor(p));
            return true;
        } catch (InvalidProfileException e) {
            LOG.warn("Song profile not recommendable: {}", e.getMessage());
            return false;
        }
    }
}
