package dev.timbre.platform.subject;

import org.apache.avro.Schema;

/** The record's full name ({@code dev.timbre.schema.song.SongRegistered}): one lineage per type, across topics. */
public final class RecordNameStrategy implements SubjectNameStrategy {
    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return SubjectNames.recordName(schema);
    }
}
