package dev.timbre.classification.profile;

import dev.timbre.platform.kafka.TimbreTopics;
import dev.timbre.platform.serde.SpecificAvroSerde;
import dev.timbre.schema.Topics;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.classification.WindowPrediction;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongSource;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileTopologyTest {

    private final Map<String, Object> serde = Map.of("schema.registry.url", "mock://profiles-" + UUID.randomUUID(),
            "specific.avro.reader", true);
    private TopologyTestDriver driver;
    private TestInputTopic<String, SongRegistered> songs;
    private TestInputTopic<String, WindowPrediction> predictions;
    private TestOutputTopic<String, SongProfile> profiles;
    private TestOutputTopic<String, SongStatus> statuses;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "profiles-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(ProfileTopology.build(serde), props);
        // the very topic specs the topology reads and writes
        var songTopic = TimbreTopics.SONGS_REGISTERED.serdes(serde);
        var predictionTopic = TimbreTopics.WINDOW_PREDICTIONS.serdes(serde);
        var profileTopic = TimbreTopics.SONG_PROFILES.serdes(serde);
        var statusTopic = TimbreTopics.SONG_STATUS.serdes(serde);
        songs = driver.createInputTopic(songTopic.name(), songTopic.keys().serializer(), songTopic.values().serializer());
        predictions = driver.createInputTopic(predictionTopic.name(), predictionTopic.keys().serializer(),
                predictionTopic.values().serializer());
        profiles = driver.createOutputTopic(profileTopic.name(), profileTopic.keys().deserializer(),
                profileTopic.values().deserializer());
        statuses = driver.createOutputTopic(statusTopic.name(), statusTopic.keys().deserializer(),
                statusTopic.values().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static SongRegistered song(String id, String title) {
        return SongRegistered.newBuilder().setSongId(id).setTitle(title).setArtist("Miles Davis").setAlbum("Kind of Blue")
                .setAudioUri("file:///blobs/" + id + ".wav").setContentType("audio/wav").setSizeBytes(42)
                .setReceivedAt(Instant.EPOCH).setSource(SongSource.UPLOAD).build();
    }

    @Test
    void emitsOneJoinedProfileAndClassifiedStatusWhenTheLastWindowArrives() {
        songs.pipeInput("blue", song("blue", "Blue in Green"));
        predictions.pipeInput("blue", Predictions.of("blue", 2, 3, 5, 0.9f, 1f, 10));
        predictions.pipeInput("blue", Predictions.of("blue", 0, 3, 5, 0.7f, 2f, 30));
        assertTrue(profiles.isEmpty(), "2 of 3 windows: not complete yet");
        predictions.pipeInput("blue", Predictions.of("blue", 1, 3, 0, 0.8f, 3f, 20));

        List<SongProfile> out = profiles.readValuesToList();
        assertEquals(1, out.size());
        SongProfile p = out.get(0);
        assertEquals("blue", p.getSongId());
        assertEquals("Blue in Green", p.getTitle());
        assertEquals("Miles Davis", p.getArtist());
        assertEquals("Kind of Blue", p.getAlbum());
        assertEquals("jazz", p.getTopGenre());
        assertEquals(3, p.getWindowCount());
        assertEquals(3, p.getExpectedWindows());
        assertEquals(Predictions.geometricShare(5, Predictions.row(5, 0.9), Predictions.row(5, 0.7), Predictions.row(0, 0.8)),
                p.getGenreDistribution().get(5), 1e-6);
        assertEquals(2f, p.getMeanEmbedding().get(0), 1e-6);
        assertEquals(Instant.ofEpochMilli(30), p.getUpdatedAt());

        List<SongStatus> status = statuses.readValuesToList();
        assertEquals(1, status.size());
        assertEquals(SongStage.CLASSIFIED, status.get(0).getStage());
        assertEquals("blue", status.get(0).getSongId());
        assertEquals(ProfileTopology.SERVICE, status.get(0).getService());
    }

    @Test
    void redeliveredWindowsNeitherCompleteASongEarlyNorEmitASecondProfile() {
        songs.pipeInput("s", song("s", "So What"));
        var w0 = Predictions.of("s", 0, 2, 5, 0.9f, 1f, 10);
        predictions.pipeInput("s", w0);
        predictions.pipeInput("s", w0);
        predictions.pipeInput("s", w0);
        assertTrue(profiles.isEmpty(), "window 0 three times is still one window of two");

        predictions.pipeInput("s", Predictions.of("s", 1, 2, 5, 0.5f, 3f, 20));
        predictions.pipeInput("s", Predictions.of("s", 1, 2, 5, 0.5f, 3f, 20));
        predictions.pipeInput("s", w0);

        List<SongProfile> out = profiles.readValuesToList();
        assertEquals(1, out.size(), "exactly one profile per song");
        assertEquals(2, out.get(0).getWindowCount());
        assertEquals(Predictions.geometricShare(5, Predictions.row(5, 0.9), Predictions.row(5, 0.5)),
                out.get(0).getGenreDistribution().get(5), 1e-6);
        assertEquals(1, statuses.readValuesToList().size());
    }

    @Test
    void songsAreAggregatedIndependentlyAndUnregisteredSongsStillGetAProfile() {
        predictions.pipeInput("a", Predictions.of("a", 0, 1, 6, 0.9f, 1f, 1));
        predictions.pipeInput("b", Predictions.of("b", 0, 2, 1, 0.9f, 1f, 1));
        List<SongProfile> out = profiles.readValuesToList();
        assertEquals(1, out.size());
        assertEquals("a", out.get(0).getSongId());
        assertEquals("metal", out.get(0).getTopGenre());
        assertEquals(null, out.get(0).getTitle());
    }
}
