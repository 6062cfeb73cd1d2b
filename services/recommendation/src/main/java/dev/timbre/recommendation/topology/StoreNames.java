package dev.timbre.recommendation.topology;

/** Names of the topology's state stores (also the names interactive queries use). */
public final class StoreNames {
    /** userId → taste (persistent, changelogged). */
    public static final String TASTE = "taste";
    /** eventId → event time, for dropping replayed events. */
    public static final String SEEN_EVENTS = "seen-events";
    /** userId → current RecommendationList (queryable). */
    public static final String LISTS = "recommendation-lists";
    /** songId → first time its profile was seen (for the RECOMMENDABLE status). */
    public static final String SEEN_SONGS = "seen-songs";
    /** songId → like count, the aggregation (partitioned by song). */
    public static final String LIKE_COUNTS = "like-counts";
    /** Global: songId → SongProfile, every song on every instance. */
    public static final String CATALOG = "catalog";
    /** Global: songId → like count, every song on every instance. */
    public static final String GLOBAL_LIKE_COUNTS = "global-like-counts";

    private StoreNames() {
    }
}
