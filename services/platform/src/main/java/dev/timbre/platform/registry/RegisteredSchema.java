package dev.timbre.platform.registry;

import org.apache.avro.Schema;

/** One version of a subject: the registry-wide id, the version within the subject, and the schema. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
}
