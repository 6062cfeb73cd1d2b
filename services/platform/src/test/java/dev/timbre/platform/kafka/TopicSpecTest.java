package dev.timbre.platform.kafka;

import dev.timbre.platform.registry.InMemorySchemaRegistry;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A topic bound to its serdes: what one side writes with them, the other reads with the same spec. */
class TopicSpecTest {

    private static final Map<String, Object> SERDE = Map.of("schema.registry.url", "mock://topic-spec-test");

    @AfterEach
    void dropRegistry() {
        InMemorySchemaRegistry.dropScope("topic-spec-test");
    }

    @Test
    void bothSidesOfATopicUseItsSerdes() {
        TopicSpec.Bound<String, SongStatus> status = TimbreTopics.SONG_STATUS.serdes(SERDE);
        SongStatus value = SongStatus.newBuilder().setSongId("s1").setStage(SongStage.CLASSIFIED).setDetail("d")
                .setService("svc").setUpdatedAt(Instant.ofEpochMilli(1_000)).build();
        byte[] bytes = status.values().serializer().serialize(status.name(), value);
        assertEquals(value, TimbreTopics.SONG_STATUS.serdes(SERDE).values().deserializer().deserialize("song.status", bytes));
        assertEquals("song.status", status.name());
        assertEquals("k", status.keys().deserializer().deserialize("song.status",
                status.keys().serializer().serialize("song.status", "k")));
    }

    @Test
    void deadLetterTopicsAreTheirSourcesTwin() {
        assertEquals("user.events.dlq", TimbreTopics.deadLettersOf(TimbreTopics.USER_EVENTS).name());
    }

    @Test
    void aRenamedCopyKeepsItsTypes() {
        TopicSpec<String, SongStatus> copy = TimbreTopics.SONG_STATUS.named("it-1.song.status");
        assertEquals("it-1.song.status", copy.name());
        assertEquals(SongStatus.class, copy.valueType());
        assertEquals("it-1.song.status.dlq", TimbreTopics.deadLettersOf(copy).name());
        assertEquals("song.status", TimbreTopics.SONG_STATUS.name());
    }

    @Test
    void timbreTopicsAreStringKeyed() {
        assertThrows(IllegalArgumentException.class, () -> new TopicSpec<>("t", Integer.class, SongStatus.class));
    }
}
