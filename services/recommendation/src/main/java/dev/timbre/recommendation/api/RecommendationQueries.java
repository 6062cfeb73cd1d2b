package dev.timbre.recommendation.api;

import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.recommendation.ranking.Ranker;
import dev.timbre.recommendation.streams.StreamsRunner;
import dev.timbre.recommendation.topology.StoreNames;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.recommendation.RecommendationList;
import jakarta.inject.Singleton;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.Optional;

/**
 * Interactive queries over the Streams stores. A user's list lives on the instance that owns the
 * user's partition; {@link #locate} says whether that is this instance or which one to ask.
 */
@Singleton
public class RecommendationQueries {

    /** Where a user's list is. */
    public sealed interface Location {
        record Local() implements Location {
        }

        record Remote(HostInfo host) implements Location {
        }

        /** No instance owns the key right now (rebalancing, starting). */
        record Unavailable(String why) implements Location {
        }
    }

    private final StreamsRunner runner;
    private final Catalog catalog;
    private final Ranker ranker;

    public RecommendationQueries(StreamsRunner runner, Catalog catalog, RecommendationConfig config) {
        this.runner = runner;
        this.catalog = catalog;
        this.ranker = new Ranker(catalog, config);
    }

    public Location locate(String userId) {
        KafkaStreams streams = runner.streams();
        if (streams == null) {
            return new Location.Unavailable("Kafka Streams has not started");
        }
        KeyQueryMetadata meta = streams.queryMetadataForKey(StoreNames.LISTS, userId, Serdes.String().serializer());
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return new Location.Unavailable("no instance owns user " + userId + " right now (rebalancing?)");
        }
        return meta.activeHost().equals(runner.self()) ? new Location.Local() : new Location.Remote(meta.activeHost());
    }

    /** The stored list, or a cold-start list computed here for a user with no events yet. */
    public RecommendationList localList(String userId) {
        ReadOnlyKeyValueStore<String, RecommendationList> lists = runner.streams().store(
                StoreQueryParameters.fromNameAndType(StoreNames.LISTS, QueryableStoreTypes.<String, RecommendationList>keyValueStore()));
        RecommendationList list = lists.get(userId);
        return list != null ? list : ranker.coldStart(userId, id -> true, null, System.currentTimeMillis());
    }

    /**
     * The list from this instance's standby copy of the user's partition (kept by {@code standby-replicas}), or
     * null when this instance holds none: the answer while the owner does not respond (killed, not yet replaced).
     */
    public RecommendationList standbyList(String userId) {
        KafkaStreams streams = runner.streams();
        if (streams == null) {
            return null;
        }
        KeyQueryMetadata meta = streams.queryMetadataForKey(StoreNames.LISTS, userId, Serdes.String().serializer());
        if (meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE) || !meta.standbyHosts().contains(runner.self())) {
            return null;
        }
        ReadOnlyKeyValueStore<String, RecommendationList> lists = streams.store(
                StoreQueryParameters.fromNameAndType(StoreNames.LISTS, QueryableStoreTypes.<String, RecommendationList>keyValueStore())
                        .enableStaleStores().withPartition(meta.partition()));
        RecommendationList list = lists.get(userId);
        return list != null ? list : ranker.coldStart(userId, id -> true, null, System.currentTimeMillis());
    }

    /** The instances holding a standby copy of the user's list. */
    public java.util.Set<HostInfo> standbyHosts(String userId) {
        KafkaStreams streams = runner.streams();
        if (streams == null) {
            return java.util.Set.of();
        }
        KeyQueryMetadata meta = streams.queryMetadataForKey(StoreNames.LISTS, userId, Serdes.String().serializer());
        return meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE) ? java.util.Set.of() : meta.standbyHosts();
    }

    /** A song's profile from the global catalog store (any instance has every song). */
    public Optional<SongProfile> song(String songId) {
        KafkaStreams streams = runner.streams();
        if (streams == null) {
            throw new InvalidStateStoreException("Kafka Streams has not started");
        }
        ReadOnlyKeyValueStore<String, SongProfile> store = streams.store(
                StoreQueryParameters.fromNameAndType(StoreNames.CATALOG, QueryableStoreTypes.<String, SongProfile>keyValueStore()));
        return Optional.ofNullable(store.get(songId));
    }

    public long likes(String songId) {
        return catalog.popularity().likes(songId);
    }

    public String self() {
        HostInfo h = runner.self();
        return h == null ? null : h.host() + ":" + h.port();
    }
}
