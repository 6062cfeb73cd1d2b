package dev.timbre.platform.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.platform.registry.InMemorySchemaRegistry;
import dev.timbre.platform.test.v1.Track;
import dev.timbre.platform.test.v2.Track.Builder;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our serde as Streams' default.value.serde (created by class name, mock:// registry), in a tiny topology. */
class StreamsDefaultSerdeTest {
    private final String scope = "streams-" + System.nanoTime();

    @AfterEach
    void drop() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void defaultValueSerdeCarriesSpecificRecordsThroughATopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, Track>stream("tracks")
                .filter((id, track) -> track.getDurationSeconds() > 60)
                .mapValues(track -> {
                    Builder upgraded = dev.timbre.platform.test.v2.Track.newBuilder().setId(track.getId()).setTitle(track.getTitle())
                            .setDurationSeconds(track.getDurationSeconds()).setAddedAt(track.getAddedAt()).setGenre("jazz");
                    return upgraded.build();
                })
                .to("long-tracks");
        Properties props = new Properties();
        props.putAll(KafkaConventions.streams("serde-test", "unused:9092", "mock://" + scope, 1));
        props.put("processing.guarantee", "at_least_once");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            SpecificAvroSerde<Track> in = new SpecificAvroSerde<>();
            in.configure(Map.of("schema.registry.url", "mock://" + scope), false);
            SpecificAvroSerde<dev.timbre.platform.test.v2.Track> out = new SpecificAvroSerde<>();
            out.configure(Map.of("schema.registry.url", "mock://" + scope), false);
            TestInputTopic<String, Track> input = driver.createInputTopic("tracks", Serdes.String().serializer(), in.serializer());
            TestOutputTopic<String, dev.timbre.platform.test.v2.Track> output = driver.createOutputTopic("long-tracks",
                    Serdes.String().deserializer(), out.deserializer());

            input.pipeInput("short", Track.newBuilder().setId("short").setTitle("Intro").setDurationSeconds(20).setAddedAt(Instant.EPOCH).build());
            input.pipeInput("long", Track.newBuilder().setId("long").setTitle("So What").setDurationSeconds(545).setAddedAt(Instant.EPOCH).build());

            var records = output.readKeyValuesToList();
            assertEquals(1, records.size());
            assertEquals("long", records.get(0).key);
            assertEquals("jazz", records.get(0).value.getGenre());
            assertEquals(545.0, records.get(0).value.getDurationSeconds());
            InMemorySchemaRegistry registry = InMemorySchemaRegistry.forScope(scope);
            assertEquals(java.util.List.of("long-tracks-value", "tracks-value"), registry.subjects());
        }
    }
}
