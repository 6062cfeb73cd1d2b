package dev.timbre.platform.subject;

import org.apache.avro.Schema;

/** Which registry subject a record's schema is registered under. */
@FunctionalInterface
public interface SubjectNameStrategy {
    String subjectName(String topic, boolean isKey, Schema schema);
}
