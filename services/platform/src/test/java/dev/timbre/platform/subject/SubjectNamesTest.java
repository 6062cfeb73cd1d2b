package dev.timbre.platform.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.timbre.schema.song.SongRegistered;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SubjectNamesTest {
    private static final Schema SONG = SongRegistered.getClassSchema();

    @Test
    void topicNameIsTheDefault() {
        SubjectNameStrategy value = SubjectNames.fromConfig(Map.of(), false);
        assertEquals("songs.registered-value", value.subjectName("songs.registered", false, SONG));
        assertEquals("songs.registered-key", SubjectNames.fromConfig(Map.of(), true).subjectName("songs.registered", true, SONG));
    }

    @Test
    void recordNamesFromOursConfluentsOrShortNames() {
        for (String name : new String[] {"io.confluent.kafka.serializers.subject.RecordNameStrategy",
                RecordNameStrategy.class.getName(), "RecordNameStrategy"}) {
            SubjectNameStrategy strategy = SubjectNames.fromConfig(Map.of("value.subject.name.strategy", name), false);
            assertEquals("dev.timbre.schema.song.SongRegistered", strategy.subjectName("any", false, SONG), name);
        }
        SubjectNameStrategy topicRecord = SubjectNames.fromConfig(
                Map.of("key.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"), true);
        assertEquals("t-dev.timbre.schema.song.SongRegistered", topicRecord.subjectName("t", true, SONG));
        assertInstanceOf(TopicNameStrategy.class,
                SubjectNames.fromConfig(Map.of("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicNameStrategy"), false));
    }

    @Test
    void keyAndValueStrategiesAreIndependent() {
        Map<String, Object> config = Map.of("value.subject.name.strategy", RecordNameStrategy.class);
        assertInstanceOf(RecordNameStrategy.class, SubjectNames.fromConfig(config, false));
        assertInstanceOf(TopicNameStrategy.class, SubjectNames.fromConfig(config, true));
    }

    public static final class Fixed implements SubjectNameStrategy {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return "fixed";
        }
    }

    @Test
    void customClassesAndUnknownNames() {
        assertEquals("fixed", SubjectNames.fromConfig(Map.of("value.subject.name.strategy", Fixed.class.getName()), false)
                .subjectName("t", false, SONG));
        assertThrows(ConfigException.class, () -> SubjectNames.fromConfig(Map.of("value.subject.name.strategy", "com.example.Nope"), false));
        assertThrows(IllegalArgumentException.class, () -> new RecordNameStrategy().subjectName("t", false, Schema.create(Schema.Type.STRING)));
    }
}
