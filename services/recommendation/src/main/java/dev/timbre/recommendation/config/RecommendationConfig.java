package dev.timbre.recommendation.config;

import dev.timbre.platform.kafka.ClientSettings;
import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.schema.Topics;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings under {@code timbre.recommendation.*} (env {@code TIMBRE_RECOMMENDATION_*}), plus the Kafka/registry settings every Timbre service shares
 * ({@code kafka.*}, {@code schema.registry.url}, {@code schema.registry.basic.auth.user.info}). A plain bean so
 * that topology tests can build one with {@code new RecommendationConfig()} and tweak it.
 */
@ConfigurationProperties("timbre.recommendation")
public class RecommendationConfig {

    /**
     * The Streams application id: by Timbre's naming scheme {@code timbre.recommendation}
     * ({@link KafkaConventions#applicationId}); set it only to run a separate app (tests) or to keep an existing
     * deployment's id, which names its state, changelogs and the app-owned topics below.
     */
    private String applicationId = KafkaConventions.applicationId("recommendation");
    /** When it differs from the shared {@code kafka.bootstrap.servers}. */
    private String bootstrapServers;
    /** When it differs from the shared {@code schema.registry.url}. */
    private String schemaRegistryUrl;
    private ClientSettings shared = new ClientSettings(Map.of(), null, null);
    private String stateDir = System.getProperty("java.io.tmpdir") + "/timbre-recommendation";
    private int standbyReplicas = 0;
    private int streamThreads = 1;
    /** Replication of the internal and app-owned topics; -1 = the broker's default. */
    private int replicationFactor = -1;
    private long commitIntervalMs = 100;
    /** Host other instances reach this one at (interactive-query routing); default: the HTTP server's host. */
    private String advertisedHost;
    /** Partitions of the app-owned catalog and like-count topics when this app creates them. */
    private int appTopicPartitions = 3;

    private String songProfilesTopic = Topics.SONG_PROFILES;
    private String userEventsTopic = Topics.USER_EVENTS;
    private String recommendationsTopic = Topics.RECOMMENDATIONS;
    private String songStatusTopic = Topics.SONG_STATUS;

    private int topN = 20;
    /** Embedding size of the songs; 0 (default): learned from the first valid profile, other sizes rejected. */
    private int embeddingDimensions = 0;
    /** Candidates fetched by similarity to the taste vector. */
    private int candidatePool = 200;
    /** Candidates fetched per recently liked song. */
    private int candidatesPerLike = 50;
    private int recentLikes = 5;
    private int maxPerArtist = 3;
    private int maxPerAlbum = 2;
    /** MMR trade-off: 1 = pure relevance, lower = more diverse. */
    private double mmrLambda = 0.85;
    private Duration tasteHalfLife = Duration.ofDays(30);
    private Duration dedupeRetention = Duration.ofDays(7);
    /** Catalog size from which candidate search switches from brute force to HNSW (see README). */
    private int annThreshold = 25_000;
    /** HNSW search breadth (see README: raise to 400 for ~1 M songs). */
    private int annEf = 100;

    // --- scale (issue #16; see README "Throughput and latency") ---
    /** Taste store format: {@code avro} (compact binary) or {@code json} (the earlier format; both are read). */
    private String tasteFormat = "avro";
    /** Songs whose unfiltered nearest neighbours are cached for liked-song candidate queries (0 = no cache). */
    private int neighbourCache = 20_000;
    /** Bound of each user's heard, skipped and liked sets (oldest forgotten first). */
    private int maxHistory = 5_000;

    /**
     * Static membership ({@code group.instance.id}; the StatefulSet pod name in the chart): a restarted instance
     * gets its own partitions back without a rebalance. Unset: dynamic membership.
     */
    private String groupInstanceId;
    /** {@code session.timeout.ms} when set (> 0): how long a static member that does not return keeps its partitions. */
    private int sessionTimeoutMs;
    /** Push a new song to the users whose candidates it enters (reverse index of taste vectors). */
    private boolean newSongFanOut = true;
    /** How often each stream task looks for new songs to fan out. */
    private Duration newSongInterval = Duration.ofMillis(500);
    /** Buckets (catalog songs as centroids) of the reverse taste index, and buckets probed per new song. */
    private int tasteIndexCentroids = 256;
    private int tasteIndexProbes = 8;

    /** Extra Kafka Streams properties, passed through as is. */
    private Map<String, String> streams = new HashMap<>();

    public String getApplicationId() { return applicationId; }
    public void setApplicationId(String applicationId) { this.applicationId = applicationId; }
    /**
     * The shared Kafka/registry settings; the Streams app, its admin client and its serdes are built from them,
     * so security settings reach all of them.
     */
    @Inject
    void shareClientSettings(ClientSettings shared) {
        this.shared = shared;
    }

    /** The shared settings with this service's own {@code bootstrap-servers} / {@code schema-registry-url} in place, else the local platform. */
    public ClientSettings clientSettings() {
        return shared.forService(bootstrapServers, schemaRegistryUrl);
    }

    /** {@code timbre.recommendation.bootstrap-servers}, else {@code kafka.bootstrap.servers}, else localhost:9092. */
    public String getBootstrapServers() { return clientSettings().bootstrapServers(); }
    public void setBootstrapServers(String bootstrapServers) { this.bootstrapServers = bootstrapServers; }
    /** {@code timbre.recommendation.schema-registry-url}, else {@code schema.registry.url}, else the local registry. */
    public String getSchemaRegistryUrl() { return clientSettings().registryUrl(); }
    public void setSchemaRegistryUrl(String schemaRegistryUrl) { this.schemaRegistryUrl = schemaRegistryUrl; }
    public String getStateDir() { return stateDir; }
    public void setStateDir(String stateDir) { this.stateDir = stateDir; }
    public int getStandbyReplicas() { return standbyReplicas; }
    public void setStandbyReplicas(int standbyReplicas) { this.standbyReplicas = standbyReplicas; }
    public int getStreamThreads() { return streamThreads; }
    public void setStreamThreads(int streamThreads) { this.streamThreads = streamThreads; }
    public int getReplicationFactor() { return replicationFactor; }
    public void setReplicationFactor(int replicationFactor) { this.replicationFactor = replicationFactor; }
    public long getCommitIntervalMs() { return commitIntervalMs; }
    public void setCommitIntervalMs(long commitIntervalMs) { this.commitIntervalMs = commitIntervalMs; }
    public String getAdvertisedHost() { return advertisedHost; }
    public void setAdvertisedHost(String advertisedHost) { this.advertisedHost = advertisedHost; }
    public int getAppTopicPartitions() { return appTopicPartitions; }
    public void setAppTopicPartitions(int appTopicPartitions) { this.appTopicPartitions = appTopicPartitions; }
    public String getSongProfilesTopic() { return songProfilesTopic; }
    public void setSongProfilesTopic(String songProfilesTopic) { this.songProfilesTopic = songProfilesTopic; }
    public String getUserEventsTopic() { return userEventsTopic; }
    public void setUserEventsTopic(String userEventsTopic) { this.userEventsTopic = userEventsTopic; }
    public String getRecommendationsTopic() { return recommendationsTopic; }
    public void setRecommendationsTopic(String recommendationsTopic) { this.recommendationsTopic = recommendationsTopic; }
    public String getSongStatusTopic() { return songStatusTopic; }
    public void setSongStatusTopic(String songStatusTopic) { this.songStatusTopic = songStatusTopic; }
    public int getTopN() { return topN; }
    public void setTopN(int topN) { this.topN = topN; }
    public int getEmbeddingDimensions() { return embeddingDimensions; }
    public void setEmbeddingDimensions(int embeddingDimensions) { this.embeddingDimensions = embeddingDimensions; }
    public int getCandidatePool() { return candidatePool; }
    public void setCandidatePool(int candidatePool) { this.candidatePool = candidatePool; }
    public int getCandidatesPerLike() { return candidatesPerLike; }
    public void setCandidatesPerLike(int candidatesPerLike) { this.candidatesPerLike = candidatesPerLike; }
    public int getRecentLikes() { return recentLikes; }
    public void setRecentLikes(int recentLikes) { this.recentLikes = recentLikes; }
    public int getMaxPerArtist() { return maxPerArtist; }
    public void setMaxPerArtist(int maxPerArtist) { this.maxPerArtist = maxPerArtist; }
    public int getMaxPerAlbum() { return maxPerAlbum; }
    public void setMaxPerAlbum(int maxPerAlbum) { this.maxPerAlbum = maxPerAlbum; }
    public double getMmrLambda() { return mmrLambda; }
    public void setMmrLambda(double mmrLambda) { this.mmrLambda = mmrLambda; }
    public Duration getTasteHalfLife() { return tasteHalfLife; }
    public void setTasteHalfLife(Duration tasteHalfLife) { this.tasteHalfLife = tasteHalfLife; }
    public Duration getDedupeRetention() { return dedupeRetention; }
    public void setDedupeRetention(Duration dedupeRetention) { this.dedupeRetention = dedupeRetention; }
    public int getAnnThreshold() { return annThreshold; }
    public void setAnnThreshold(int annThreshold) { this.annThreshold = annThreshold; }
    public int getAnnEf() { return annEf; }
    public void setAnnEf(int annEf) { this.annEf = annEf; }
    public String getTasteFormat() { return tasteFormat; }
    public void setTasteFormat(String tasteFormat) { this.tasteFormat = tasteFormat; }
    public int getNeighbourCache() { return neighbourCache; }
    public void setNeighbourCache(int neighbourCache) { this.neighbourCache = neighbourCache; }
    public int getMaxHistory() { return maxHistory; }
    public void setMaxHistory(int maxHistory) { this.maxHistory = maxHistory; }
    public String getGroupInstanceId() { return groupInstanceId; }
    public void setGroupInstanceId(String groupInstanceId) { this.groupInstanceId = groupInstanceId; }
    public int getSessionTimeoutMs() { return sessionTimeoutMs; }
    public void setSessionTimeoutMs(int sessionTimeoutMs) { this.sessionTimeoutMs = sessionTimeoutMs; }
    public boolean isNewSongFanOut() { return newSongFanOut; }
    public void setNewSongFanOut(boolean newSongFanOut) { this.newSongFanOut = newSongFanOut; }
    public Duration getNewSongInterval() { return newSongInterval; }
    public void setNewSongInterval(Duration newSongInterval) { this.newSongInterval = newSongInterval; }
    public int getTasteIndexCentroids() { return tasteIndexCentroids; }
    public void setTasteIndexCentroids(int tasteIndexCentroids) { this.tasteIndexCentroids = tasteIndexCentroids; }
    public int getTasteIndexProbes() { return tasteIndexProbes; }
    public void setTasteIndexProbes(int tasteIndexProbes) { this.tasteIndexProbes = tasteIndexProbes; }
    public Map<String, String> getStreams() { return streams; }
    public void setStreams(@MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
                           Map<String, String> streams) { this.streams = streams; }

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
}
