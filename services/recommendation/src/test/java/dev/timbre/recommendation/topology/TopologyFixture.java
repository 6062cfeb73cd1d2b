package dev.timbre.recommendation.topology;

import dev.timbre.platform.serde.SpecificAvroSerde;
import dev.timbre.recommendation.candidates.AdaptiveCandidateIndex;
import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.recommendation.taste.TasteState;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.song.SongStatus;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The real topology in a {@link TopologyTestDriver} with an in-memory registry, plus helpers to
 * build songs with controlled embeddings (so that similarities are known) and user events.
 */
final class TopologyFixture implements AutoCloseable {

    static final int DIM = 64;
    static final List<String> GENRES = List.of("blues", "classical", "country", "disco", "hiphop",
            "jazz", "metal", "pop", "reggae", "rock");

    final RecommendationConfig config;
    final Catalog catalog;
    final TopologyTestDriver driver;
    final TestInputTopic<String, SongProfile> profiles;
    final TestInputTopic<String, byte[]> rawEvents;
    final TestOutputTopic<String, RecommendationList> lists;
    final TestOutputTopic<String, SongStatus> statuses;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    final TestOutputTopic<String, Long> likeCounts;
    private final SpecificAvroSerde<UserEvent> eventSerde;
    private final Path stateDir;
    private long clock = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    TopologyFixture(RecommendationConfig config) {
        this(config, new Catalog(DIM, AdaptiveCandidateIndex.withHnsw(DIM, config.annThreshold())));
    }

    TopologyFixture(RecommendationConfig config, Catalog catalog) {
        try {
            this.stateDir = Files.createTempDirectory("rec-ttd");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        this.config = config;
        this.catalog = catalog;
        Map<String, Object> serdeConfig = new HashMap<>();
        serdeConfig.put("schema.registry.url", "mock://" + UUID.randomUUID());
        serdeConfig.put("auto.register.schemas", true);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putAll(serdeConfig);
        driver = new TopologyTestDriver(RecommendationTopology.build(config, catalog, serdeConfig), props);

        SpecificAvroSerde<SongProfile> profileSerde = SpecificAvroSerde.of(SongProfile.class, serdeConfig, false);
        eventSerde = SpecificAvroSerde.of(UserEvent.class, serdeConfig, false);
        profiles = driver.createInputTopic(config.songProfilesTopic(), Serdes.String().serializer(), profileSerde.serializer());
        rawEvents = driver.createInputTopic(config.userEventsTopic(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        lists = driver.createOutputTopic(config.recommendationsTopic(), Serdes.String().deserializer(),
                SpecificAvroSerde.of(RecommendationList.class, serdeConfig, false).deserializer());
        statuses = driver.createOutputTopic(config.songStatusTopic(), Serdes.String().deserializer(),
                SpecificAvroSerde.of(SongStatus.class, serdeConfig, false).deserializer());
        deadLetters = driver.createOutputTopic(config.userEventsDeadLetterTopic(), Serdes.String().deserializer(),
                SpecificAvroSerde.of(DeadLetter.class, serdeConfig, false).deserializer());
        likeCounts = driver.createOutputTopic(config.likeCountsTopic(), Serdes.String().deserializer(),
                Serdes.Long().deserializer());
    }

    static RecommendationConfig defaults() {
        // pure relevance unless a test is about diversity
        return RecommendationConfig.defaults().with(b -> b.applicationId("rec-test").mmrLambda(1.0));
    }

    /** A unit-ish vector with the given leading components (the rest zero). */
    static float[] vec(double... leading) {
        float[] v = new float[DIM];
        for (int i = 0; i < leading.length; i++) {
            v[i] = (float) leading[i];
        }
        return v;
    }

    void song(String songId, String title, String artist, String genre, float[] embedding) {
        song(songId, title, artist, null, genre, embedding);
    }

    void song(String songId, String title, String artist, String album, String genre, float[] embedding) {
        List<Float> dist = new ArrayList<>();
        for (String g : GENRES) {
            dist.add(g.equals(genre) ? 1f : 0f);
        }
        List<Float> emb = new ArrayList<>();
        for (float x : embedding) {
            emb.add(x);
        }
        SongProfile p = SongProfile.newBuilder()
                .setSongId(songId).setTitle(title).setArtist(artist).setAlbum(album)
                .setGenres(GENRES).setGenreDistribution(dist).setTopGenre(genre)
                .setMeanEmbedding(emb).setWindowCount(10).setExpectedWindows(10)
                .setModelVersion("test").setUpdatedAt(Instant.ofEpochMilli(clock))
                .build();
        profiles.pipeInput(songId, p, clock);
    }

    UserEvent event(String eventId, String userId, String songId, UserEventType type, Float fraction) {
        clock += 60_000;
        return UserEvent.newBuilder().setEventId(eventId).setUserId(userId).setSongId(songId).setType(type)
                .setListenedFraction(fraction).setTimestamp(Instant.ofEpochMilli(clock)).build();
    }

    /** Sends an event with a fresh eventId, one minute after the previous one. */
    UserEvent send(String userId, String songId, UserEventType type, Float fraction) {
        UserEvent e = event(UUID.randomUUID().toString(), userId, songId, type, fraction);
        send(e);
        return e;
    }

    UserEvent like(String userId, String songId) {
        return send(userId, songId, UserEventType.LIKED, null);
    }

    void send(UserEvent e) {
        send(e.getUserId(), e);
    }

    /** Sends under an explicit record key (normally the userId). */
    void send(String key, UserEvent e) {
        rawEvents.pipeInput(key, eventSerde.serializer().serialize(config.userEventsTopic(), e),
                e.getTimestamp().toEpochMilli());
    }

    void sendRaw(String key, byte[] value) {
        clock += 60_000;
        rawEvents.pipeInput(key, value, clock);
    }

    RecommendationList storedList(String userId) {
        KeyValueStore<String, RecommendationList> store = driver.getKeyValueStore(StoreNames.LISTS);
        return store.get(userId);
    }

    TasteState taste(String userId) {
        KeyValueStore<String, TasteState> store = driver.getKeyValueStore(StoreNames.TASTE);
        return store.get(userId);
    }

    /** The songIds of the user's current list, in rank order. */
    List<String> ranked(String userId) {
        return storedList(userId).getItems().stream().map(i -> i.getSongId()).toList();
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // temp dir; best effort
        }
    }
}
