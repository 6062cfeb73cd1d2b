package dev.timbre.recommendation.it;

import dev.timbre.platform.serde.SpecificAvroSerde;
import dev.timbre.recommendation.candidates.AdaptiveCandidateIndex;
import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.recommendation.taste.TasteState;
import dev.timbre.recommendation.topology.RecommendationTopology;
import dev.timbre.recommendation.topology.StoreNames;
import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.user.UserEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** The same topology over the same input in a TopologyTestDriver: the uninterrupted run to compare with. */
final class ReferenceRun implements AutoCloseable {

    private final TopologyTestDriver driver;
    final Catalog catalog;

    ReferenceRun(List<SongProfile> songs, List<UserEvent> events, Path stateDir) {
        RecommendationConfig config = RecommendationConfig.defaults().with(b -> b.applicationId("reference"));
        catalog = new Catalog(64, AdaptiveCandidateIndex.withHnsw(64, config.annThreshold()));
        Map<String, Object> serde = new HashMap<>();
        serde.put("schema.registry.url", "mock://" + UUID.randomUUID());
        serde.put("auto.register.schemas", true);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reference");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(serde);
        driver = new TopologyTestDriver(RecommendationTopology.build(config, catalog, serde), props);
        TestInputTopic<String, SongProfile> profiles = driver.createInputTopic(config.songProfilesTopic(),
                Serdes.String().serializer(), SpecificAvroSerde.of(SongProfile.class, serde, false).serializer());
        TestInputTopic<String, byte[]> input = driver.createInputTopic(config.userEventsTopic(),
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        var eventSerializer = SpecificAvroSerde.of(UserEvent.class, serde, false).serializer();
        for (SongProfile s : songs) {
            profiles.pipeInput(s.getSongId(), s, s.getUpdatedAt().toEpochMilli());
        }
        for (UserEvent e : events) {
            input.pipeInput(e.getUserId(), eventSerializer.serialize(config.userEventsTopic(), e),
                    e.getTimestamp().toEpochMilli());
        }
    }

    RecommendationList list(String userId) {
        return driver.<String, RecommendationList>getKeyValueStore(StoreNames.LISTS).get(userId);
    }

    TasteState taste(String userId) {
        return driver.<String, TasteState>getKeyValueStore(StoreNames.TASTE).get(userId);
    }

    @Override
    public void close() {
        driver.close();
    }
}
