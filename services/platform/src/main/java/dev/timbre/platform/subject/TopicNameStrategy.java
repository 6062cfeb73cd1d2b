package dev.timbre.platform.subject;

import org.apache.avro.Schema;

/** {@code <topic>-value} / {@code <topic>-key}: one schema lineage per topic (the default, as in Confluent). */
public final class TopicNameStrategy implements SubjectNameStrategy {
    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return topic + (isKey ? "-key" : "-value");
    }
}
