package dev.timbre.recommendation.config;

import dev.timbre.platform.kafka.ClientSettings;
import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.schema.Topics;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Settings under {@code timbre.recommendation.*} (env {@code TIMBRE_RECOMMENDATION_*}), one immutable record with
 * each default written once, here (in the compact constructor: an unset key is null). The Kafka/registry settings
 * every Timbre service shares ({@code kafka.*}, {@code schema.registry.*}) are the platform's {@link ClientSettings};
 * {@link #clientSettings} puts this service's own connection keys over them. Tests start from {@link #defaults()}
 * and change a copy with {@link #with}.
 *
 * @param applicationId the Streams application id: by Timbre's naming scheme {@code timbre.recommendation} ({@link KafkaConventions#applicationId}); set it only to run a separate app (tests) or to keep an existing deployment's id, which names its state, changelogs and the app-owned topics
 * @param bootstrapServers when it differs from the shared {@code kafka.bootstrap.servers}
 * @param schemaRegistryUrl when it differs from the shared {@code schema.registry.url}
 * @param stateDir Kafka Streams state directory
 * @param standbyReplicas Kafka Streams standby replicas
 * @param streamThreads Kafka Streams stream threads
 * @param replicationFactor replication of the internal and app-owned topics; -1 = the broker's default
 * @param commitIntervalMs {@code commit.interval.ms}
 * @param advertisedHost host other instances reach this one at (interactive-query routing); default: the HTTP server's host
 * @param appTopicPartitions partitions of the app-owned catalog and like-count topics when this app creates them
 * @param topN length of each user's list
 * @param embeddingDimensions embedding size of the songs; 0: learned from the first valid profile, other sizes rejected
 * @param candidatePool candidates fetched by similarity to the taste vector
 * @param candidatesPerLike candidates fetched per recently liked song
 * @param mmrLambda MMR trade-off: 1 = pure relevance, lower = more diverse
 * @param annThreshold catalog size from which candidate search switches from brute force to HNSW (see README)
 * @param annEf HNSW search breadth (see README: raise to 400 for ~1 M songs)
 * @param tasteFormat taste store format: {@code avro} (compact binary) or {@code json} (the earlier format; both are read)
 * @param neighbourCache songs whose unfiltered nearest neighbours are cached for liked-song candidate queries (0 = no cache)
 * @param maxHistory bound of each user's heard, skipped and liked sets (oldest forgotten first)
 * @param groupInstanceId static membership ({@code group.instance.id}; the StatefulSet pod name in the chart): a restarted instance gets its own partitions back without a rebalance. Unset: dynamic membership
 * @param sessionTimeoutMs {@code session.timeout.ms} when > 0: how long a static member that does not return keeps its partitions
 * @param newSongFanOut push a new song to the users whose candidates it enters (reverse index of taste vectors)
 * @param newSongInterval how often each stream task looks for new songs to fan out
 * @param tasteIndexCentroids buckets (catalog songs as centroids) of the reverse taste index
 * @param tasteIndexProbes buckets probed per new song
 * @param streams extra Kafka Streams properties, passed through as is
 */
@ConfigurationProperties("timbre.recommendation")
public record RecommendationConfig(
        @Nullable String applicationId,
        @Nullable String bootstrapServers,
        @Nullable String schemaRegistryUrl,
        @Nullable String stateDir,
        @Nullable Integer standbyReplicas,
        @Nullable Integer streamThreads,
        @Nullable Integer replicationFactor,
        @Nullable Long commitIntervalMs,
        @Nullable String advertisedHost,
        @Nullable Integer appTopicPartitions,
        @Nullable String songProfilesTopic,
        @Nullable String userEventsTopic,
        @Nullable String recommendationsTopic,
        @Nullable String songStatusTopic,
        @Nullable Integer topN,
        @Nullable Integer embeddingDimensions,
        @Nullable Integer candidatePool,
        @Nullable Integer candidatesPerLike,
        @Nullable Integer recentLikes,
        @Nullable Integer maxPerArtist,
        @Nullable Integer maxPerAlbum,
        @Nullable Double mmrLambda,
        @Nullable Duration tasteHalfLife,
        @Nullable Duration dedupeRetention,
        @Nullable Integer annThreshold,
        @Nullable Integer annEf,
        @Nullable String tasteFormat,
        @Nullable Integer neighbourCache,
        @Nullable Integer maxHistory,
        @Nullable String groupInstanceId,
        @Nullable Integer sessionTimeoutMs,
        @Nullable Boolean newSongFanOut,
        @Nullable Duration newSongInterval,
        @Nullable Integer tasteIndexCentroids,
        @Nullable Integer tasteIndexProbes,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW) Map<String, String> streams) {

    public RecommendationConfig {
        applicationId = applicationId == null || applicationId.isBlank() ? KafkaConventions.applicationId("recommendation") : applicationId;
        stateDir = stateDir == null || stateDir.isBlank() ? System.getProperty("java.io.tmpdir") + "/timbre-recommendation" : stateDir;
        standbyReplicas = standbyReplicas == null ? 0 : standbyReplicas;
        streamThreads = streamThreads == null ? 1 : streamThreads;
        replicationFactor = replicationFactor == null ? -1 : replicationFactor;
        commitIntervalMs = commitIntervalMs == null ? 100L : commitIntervalMs;
        appTopicPartitions = appTopicPartitions == null ? 3 : appTopicPartitions;
        songProfilesTopic = songProfilesTopic == null || songProfilesTopic.isBlank() ? Topics.SONG_PROFILES : songProfilesTopic;
        userEventsTopic = userEventsTopic == null || userEventsTopic.isBlank() ? Topics.USER_EVENTS : userEventsTopic;
        recommendationsTopic = recommendationsTopic == null || recommendationsTopic.isBlank() ? Topics.RECOMMENDATIONS : recommendationsTopic;
        songStatusTopic = songStatusTopic == null || songStatusTopic.isBlank() ? Topics.SONG_STATUS : songStatusTopic;
        topN = topN == null ? 20 : topN;
        embeddingDimensions = embeddingDimensions == null ? 0 : embeddingDimensions;
        candidatePool = candidatePool == null ? 200 : candidatePool;
        candidatesPerLike = candidatesPerLike == null ? 50 : candidatesPerLike;
        recentLikes = recentLikes == null ? 5 : recentLikes;
        maxPerArtist = maxPerArtist == null ? 3 : maxPerArtist;
        maxPerAlbum = maxPerAlbum == null ? 2 : maxPerAlbum;
        mmrLambda = mmrLambda == null ? 0.85 : mmrLambda;
        tasteHalfLife = tasteHalfLife == null ? Duration.ofDays(30) : tasteHalfLife;
        dedupeRetention = dedupeRetention == null ? Duration.ofDays(7) : dedupeRetention;
        annThreshold = annThreshold == null ? 25_000 : annThreshold;
        annEf = annEf == null ? 100 : annEf;
        tasteFormat = tasteFormat == null || tasteFormat.isBlank() ? "avro" : tasteFormat;
        neighbourCache = neighbourCache == null ? 20_000 : neighbourCache;
        maxHistory = maxHistory == null ? 5_000 : maxHistory;
        sessionTimeoutMs = sessionTimeoutMs == null ? 0 : sessionTimeoutMs;
        newSongFanOut = newSongFanOut == null ? true : newSongFanOut;
        newSongInterval = newSongInterval == null ? Duration.ofMillis(500) : newSongInterval;
        tasteIndexCentroids = tasteIndexCentroids == null ? 256 : tasteIndexCentroids;
        tasteIndexProbes = tasteIndexProbes == null ? 8 : tasteIndexProbes;
        streams = streams == null ? Map.of() : Map.copyOf(streams);
    }

    /** Every setting at its default. */
    public static RecommendationConfig defaults() {
        return new RecommendationConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A copy with the changes {@code change} makes, e.g. {@code config.with(b -> b.topN(3))}. */
    public RecommendationConfig with(UnaryOperator<Builder> change) {
        Builder b = new Builder();
            b.applicationId = applicationId;
            b.bootstrapServers = bootstrapServers;
            b.schemaRegistryUrl = schemaRegistryUrl;
            b.stateDir = stateDir;
            b.standbyReplicas = standbyReplicas;
            b.streamThreads = streamThreads;
            b.replicationFactor = replicationFactor;
            b.commitIntervalMs = commitIntervalMs;
            b.advertisedHost = advertisedHost;
            b.appTopicPartitions = appTopicPartitions;
            b.songProfilesTopic = songProfilesTopic;
            b.userEventsTopic = userEventsTopic;
            b.recommendationsTopic = recommendationsTopic;
            b.songStatusTopic = songStatusTopic;
            b.topN = topN;
            b.embeddingDimensions = embeddingDimensions;
            b.candidatePool = candidatePool;
            b.candidatesPerLike = candidatesPerLike;
            b.recentLikes = recentLikes;
            b.maxPerArtist = maxPerArtist;
            b.maxPerAlbum = maxPerAlbum;
            b.mmrLambda = mmrLambda;
            b.tasteHalfLife = tasteHalfLife;
            b.dedupeRetention = dedupeRetention;
            b.annThreshold = annThreshold;
            b.annEf = annEf;
            b.tasteFormat = tasteFormat;
            b.neighbourCache = neighbourCache;
            b.maxHistory = maxHistory;
            b.groupInstanceId = groupInstanceId;
            b.sessionTimeoutMs = sessionTimeoutMs;
            b.newSongFanOut = newSongFanOut;
            b.newSongInterval = newSongInterval;
            b.tasteIndexCentroids = tasteIndexCentroids;
            b.tasteIndexProbes = tasteIndexProbes;
            b.streams = streams;
        return change.apply(b).build();
    }

    /** The shared settings with this service's own {@code bootstrap-servers} / {@code schema-registry-url} in place. */
    public ClientSettings clientSettings(ClientSettings shared) {
        return shared.forService(bootstrapServers, schemaRegistryUrl);
    }

    /** Compacted topic this app republishes validated profiles to; every instance reads it as a global store. */
    public String catalogTopic() {
        return applicationId + ".catalog";
    }

    /** Compacted topic of like counts per song (aggregated here), read back as a global store. */
    public String likeCountsTopic() {
        return applicationId + ".like-counts";
    }

    public String userEventsDeadLetterTopic() {
        return Topics.deadLetterOf(userEventsTopic);
    }

    /** For {@link #with}: starts as a copy; a null leaves the setting at its default. */
    public static final class Builder {
        private String applicationId;
        private String bootstrapServers;
        private String schemaRegistryUrl;
        private String stateDir;
        private Integer standbyReplicas;
        private Integer streamThreads;
        private Integer replicationFactor;
        private Long commitIntervalMs;
        private String advertisedHost;
        private Integer appTopicPartitions;
        private String songProfilesTopic;
        private String userEventsTopic;
        private String recommendationsTopic;
        private String songStatusTopic;
        private Integer topN;
        private Integer embeddingDimensions;
        private Integer candidatePool;
        private Integer candidatesPerLike;
        private Integer recentLikes;
        private Integer maxPerArtist;
        private Integer maxPerAlbum;
        private Double mmrLambda;
        private Duration tasteHalfLife;
        private Duration dedupeRetention;
        private Integer annThreshold;
        private Integer annEf;
        private String tasteFormat;
        private Integer neighbourCache;
        private Integer maxHistory;
        private String groupInstanceId;
        private Integer sessionTimeoutMs;
        private Boolean newSongFanOut;
        private Duration newSongInterval;
        private Integer tasteIndexCentroids;
        private Integer tasteIndexProbes;
        private Map<String, String> streams;

        private Builder() {
        }

        public Builder applicationId(String applicationId) { this.applicationId = applicationId; return this; }
        public Builder bootstrapServers(String bootstrapServers) { this.bootstrapServers = bootstrapServers; return this; }
        public Builder schemaRegistryUrl(String schemaRegistryUrl) { this.schemaRegistryUrl = schemaRegistryUrl; return this; }
        public Builder stateDir(String stateDir) { this.stateDir = stateDir; return this; }
        public Builder standbyReplicas(Integer standbyReplicas) { this.standbyReplicas = standbyReplicas; return this; }
        public Builder streamThreads(Integer streamThreads) { this.streamThreads = streamThreads; return this; }
        public Builder replicationFactor(Integer replicationFactor) { this.replicationFactor = replicationFactor; return this; }
        public Builder commitIntervalMs(Long commitIntervalMs) { this.commitIntervalMs = commitIntervalMs; return this; }
        public Builder advertisedHost(String advertisedHost) { this.advertisedHost = advertisedHost; return this; }
        public Builder appTopicPartitions(Integer appTopicPartitions) { this.appTopicPartitions = appTopicPartitions; return this; }
        public Builder songProfilesTopic(String songProfilesTopic) { this.songProfilesTopic = songProfilesTopic; return this; }
        public Builder userEventsTopic(String userEventsTopic) { this.userEventsTopic = userEventsTopic; return this; }
        public Builder recommendationsTopic(String recommendationsTopic) { this.recommendationsTopic = recommendationsTopic; return this; }
        public Builder songStatusTopic(String songStatusTopic) { this.songStatusTopic = songStatusTopic; return this; }
        public Builder topN(Integer topN) { this.topN = topN; return this; }
        public Builder embeddingDimensions(Integer embeddingDimensions) { this.embeddingDimensions = embeddingDimensions; return this; }
        public Builder candidatePool(Integer candidatePool) { this.candidatePool = candidatePool; return this; }
        public Builder candidatesPerLike(Integer candidatesPerLike) { this.candidatesPerLike = candidatesPerLike; return this; }
        public Builder recentLikes(Integer recentLikes) { this.recentLikes = recentLikes; return this; }
        public Builder maxPerArtist(Integer maxPerArtist) { this.maxPerArtist = maxPerArtist; return this; }
        public Builder maxPerAlbum(Integer maxPerAlbum) { this.maxPerAlbum = maxPerAlbum; return this; }
        public Builder mmrLambda(Double mmrLambda) { this.mmrLambda = mmrLambda; return this; }
        public Builder tasteHalfLife(Duration tasteHalfLife) { this.tasteHalfLife = tasteHalfLife; return this; }
        public Builder dedupeRetention(Duration dedupeRetention) { this.dedupeRetention = dedupeRetention; return this; }
        public Builder annThreshold(Integer annThreshold) { this.annThreshold = annThreshold; return this; }
        public Builder annEf(Integer annEf) { this.annEf = annEf; return this; }
        public Builder tasteFormat(String tasteFormat) { this.tasteFormat = tasteFormat; return this; }
        public Builder neighbourCache(Integer neighbourCache) { this.neighbourCache = neighbourCache; return this; }
        public Builder maxHistory(Integer maxHistory) { this.maxHistory = maxHistory; return this; }
        public Builder groupInstanceId(String groupInstanceId) { this.groupInstanceId = groupInstanceId; return this; }
        public Builder sessionTimeoutMs(Integer sessionTimeoutMs) { this.sessionTimeoutMs = sessionTimeoutMs; return this; }
        public Builder newSongFanOut(Boolean newSongFanOut) { this.newSongFanOut = newSongFanOut; return this; }
        public Builder newSongInterval(Duration newSongInterval) { this.newSongInterval = newSongInterval; return this; }
        public Builder tasteIndexCentroids(Integer tasteIndexCentroids) { this.tasteIndexCentroids = tasteIndexCentroids; return this; }
        public Builder tasteIndexProbes(Integer tasteIndexProbes) { this.tasteIndexProbes = tasteIndexProbes; return this; }
        public Builder streams(Map<String, String> streams) { this.streams = streams; return this; }

        RecommendationConfig build() {
            return new RecommendationConfig(applicationId, bootstrapServers, schemaRegistryUrl, stateDir, standbyReplicas, streamThreads, replicationFactor, commitIntervalMs, advertisedHost, appTopicPartitions, songProfilesTopic, userEventsTopic, recommendationsTopic, songStatusTopic, topN, embeddingDimensions, candidatePool, candidatesPerLike, recentLikes, maxPerArtist, maxPerAlbum, mmrLambda, tasteHalfLife, dedupeRetention, annThreshold, annEf, tasteFormat, neighbourCache, maxHistory, groupInstanceId, sessionTimeoutMs, newSongFanOut, newSongInterval, tasteIndexCentroids, tasteIndexProbes, streams);
        }
    }
}
