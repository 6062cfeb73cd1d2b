package dev.timbre.infra.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.PlatformException;
import dev.timbre.schema.Topics;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {
    private static TopicCatalog parse(String yaml) {
        return TopicCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    private static TopicSpec topic(TopicCatalog catalog, String name) {
        return catalog.topics().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void topicConstantsAndTopicsYamlAgree() {
        Set<String> constants = Arrays.stream(Topics.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .filter(f -> !f.getName().equals("DEAD_LETTER_SUFFIX"))
                .map(TopicCatalogTest::value)
                .collect(Collectors.toSet());
        TopicCatalog bundled = TopicCatalog.bundled();
        assertEquals(constants, Set.copyOf(bundled.declaredNames()));
        assertEquals(Topics.DEAD_LETTER_SUFFIX, TopicCatalog.DLQ_SUFFIX);
        // the packaged copy is the file in the repository
        assertEquals(TopicCatalog.load(Path.of("topics.yaml")).topics(), bundled.topics());
    }

    @Test
    void everyTopicWithDlqGetsItsDeadLetterTopic() {
        TopicCatalog bundled = TopicCatalog.bundled();
        Set<String> all = bundled.topics().stream().map(TopicSpec::name).collect(Collectors.toSet());
        for (String input : Set.of(Topics.SONGS_REGISTERED, Topics.AUDIO_FEATURES, Topics.WINDOW_PREDICTIONS,
                Topics.USER_EVENTS)) {
            assertTrue(all.contains(Topics.deadLetterOf(input)), input);
        }
        assertEquals("compact", topic(bundled, Topics.SONG_PROFILES).configs().get("cleanup.policy"));
        assertEquals(6, topic(bundled, Topics.USER_EVENTS).partitions());
    }

    @Test
    void appliesDefaultsOverridesAndDeadLetterSettings() {
        TopicCatalog catalog = parse("""
                defaults:
                  partitions: 4
                  replicationFactor: 2
                  dlqRetentionMs: 1000
                topics:
                  - name: a
                    retentionMs: 60000
                    dlq: true
                  - name: b
                    cleanupPolicy: compact
                    partitions: 8
                    config:
                      min.compaction.lag.ms: 5
                """);
        assertEquals(3, catalog.topics().size());
        TopicSpec a = topic(catalog, "a");
        assertEquals(4, a.partitions());
        assertEquals(2, a.replicationFactor());
        assertEquals(Map.of("retention.ms", "60000", "cleanup.policy", "delete"), a.configs());
        TopicSpec dlq = topic(catalog, "a.dlq");
        assertEquals(Map.of("retention.ms", "1000", "cleanup.policy", "delete"), dlq.configs());
        TopicSpec b = topic(catalog, "b");
        assertEquals(8, b.partitions());
        assertEquals(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "5"), b.configs());
        assertEquals(3, catalog.withReplicationFactor((short) 3).topics().get(0).replicationFactor());
    }

    @Test
    void rejectsTyposAndBadValuesWithTheTopicName() {
        PlatformException typo = assertThrows(PlatformException.class,
                () -> parse("topics:\n  - name: a\n    retentionMS: 5\n"));
        assertTrue(typo.getMessage().contains("topic a") && typo.getMessage().contains("retentionMS"), typo.getMessage());
        assertThrows(PlatformException.class, () -> parse("topics:\n  - name: a\n    partitions: 0\n"));
        assertThrows(PlatformException.class, () -> parse("topics:\n  - name: a\n    cleanupPolicy: keep\n"));
        assertThrows(PlatformException.class, () -> parse("topics:\n  - name: a\n  - name: a\n"));
        assertThrows(PlatformException.class, () -> parse("topics:\n  - name: 'a b'\n"));
        assertThrows(PlatformException.class, () -> parse("topics: [\n"));
        assertThrows(PlatformException.class, () -> parse("defaults: {}\n"));
    }

    @Test
    void printsEquivalentKafkaTopicsCommand() {
        TopicSpec spec = new TopicSpec("song.status", 3, (short) 3, Map.of("cleanup.policy", "compact"));
        assertEquals("kafka-topics.sh --bootstrap-server k:9092 --create --if-not-exists --topic song.status"
                + " --partitions 3 --replication-factor 3 --config cleanup.policy=compact", spec.kafkaTopicsCommand("k:9092"));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
