package dev.timbre.platform.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of Confluent's schema-registry API Timbre uses, for Avro schemas. Implementations: {@link
 * HttpSchemaRegistryClient} (the REST API, e.g. Apicurio's ccompat endpoint), {@link InMemorySchemaRegistry}
 * ({@code mock://} URLs) and {@link CachedSchemaRegistryClient} (bounded caches in front of either).
 * Obtain one from configuration with {@link SchemaRegistryClients#fromConfig}.
 */
public interface SchemaRegistryClient {

    /**
     * Registers the schema under the subject (a no-op returning the existing id when it is already there).
     *
     * @return the registry-wide schema id
     * @throws IncompatibleSchemaException when the subject's compatibility rule rejects it
     */
    int register(String subject, Schema schema);

    /**
     * Looks up a schema already registered under the subject.
     *
     * @throws SubjectNotFoundException when the subject does not exist
     * @throws SchemaNotFoundException when the subject exists but not with this schema
     */
    RegisteredSchema lookup(String subject, Schema schema);

    /** @throws SchemaNotFoundException when no schema has this id */
    Schema getById(int id);

    /** @throws SubjectNotFoundException when the subject does not exist */
    RegisteredSchema getLatest(String subject);

    /**
     * Whether the schema could be registered under the subject without breaking its compatibility rule.
     *
     * @throws SubjectNotFoundException when the subject does not exist
     */
    boolean isCompatible(String subject, Schema schema);

    /** The global compatibility level. */
    CompatibilityLevel getCompatibility();

    /** The subject's compatibility level, falling back to the global one when the subject has none of its own. */
    CompatibilityLevel getCompatibility(String subject);

    void setCompatibility(CompatibilityLevel level);

    void setCompatibility(String subject, CompatibilityLevel level);

    List<String> subjects();

    /** Deletes every version of the subject (soft delete, as the registry's default). @return the deleted versions */
    List<Integer> deleteSubject(String subject);
}
