package dev.timbre.platform.subject;

import org.apache.avro.Schema;

/** {@code <topic>-<record full name>}: several types on one topic, each with its own lineage. */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {
    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return topic + "-" + SubjectNames.recordName(schema);
    }
}
