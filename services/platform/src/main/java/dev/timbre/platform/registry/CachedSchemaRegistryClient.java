package dev.timbre.platform.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Bounded caches in front of another client, so that serializing or deserializing a record costs no registry
 * round trip once its schema has been seen: schema id → schema, subject + schema → id / version, and the latest
 * version of a subject for a configurable time ({@code latest.cache.ttl.sec}; negative = until restart, as in
 * Confluent's client). Ids and registered versions never change in a registry, so only "latest" expires.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {
    public static final int DEFAULT_CAPACITY = 1000;

    private record SubjectSchema(String subject, Schema schema) {
    }

    private record Timed(RegisteredSchema value, long loadedAtMillis) {
    }

    private final SchemaRegistryClient delegate;
    private final BoundedCache<Integer, Schema> schemaById;
    private final BoundedCache<SubjectSchema, Integer> idBySubjectSchema;
    private final BoundedCache<SubjectSchema, RegisteredSchema> lookups;
    private final BoundedCache<String, Timed> latest;
    private final Duration latestTtl;
    private final Clock clock;

    public CachedSchemaRegistryClient(SchemaRegistryClient delegate) {
        this(delegate, DEFAULT_CAPACITY, Duration.ofSeconds(-1), Clock.systemUTC());
    }

    /**
     * @param capacity   entries kept per cache (least recently used are dropped)
     * @param latestTtl  how long a subject's latest version is reused; negative: forever, zero: never cached
     */
    public CachedSchemaRegistryClient(SchemaRegistryClient delegate, int capacity, Duration latestTtl, Clock clock) {
        this.delegate = delegate;
        this.schemaById = new BoundedCache<>(capacity);
        this.idBySubjectSchema = new BoundedCache<>(capacity);
        this.lookups = new BoundedCache<>(capacity);
        this.latest = new BoundedCache<>(capacity);
        this.latestTtl = latestTtl;
        this.clock = clock;
    }

    public SchemaRegistryClient delegate() {
        return delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        return idBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), k -> {
            int id = delegate.register(subject, schema);
            schemaById.put(id, schema);
            return id;
        });
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return lookups.computeIfAbsent(new SubjectSchema(subject, schema), k -> {
            RegisteredSchema found = delegate.lookup(subject, schema);
            idBySubjectSchema.put(k, found.id());
            return found;
        });
    }

    @Override
    public Schema getById(int id) {
        return schemaById.computeIfAbsent(id, delegate::getById);
    }

    @Override
    public RegisteredSchema getLatest(String subject) {
        if (latestTtl.isZero()) {
            return delegate.getLatest(subject);
        }
        long now = clock.millis();
        Timed cached = latest.get(subject);
        if (cached != null && (latestTtl.isNegative() || now - cached.loadedAtMillis() < latestTtl.toMillis())) {
            return cached.value();
        }
        RegisteredSchema fresh = delegate.getLatest(subject);
        latest.put(subject, new Timed(fresh, now));
        schemaById.put(fresh.id(), fresh.schema());
        return fresh;
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return delegate.isCompatible(subject, schema);
    }

    @Override
    public CompatibilityLevel getCompatibility() {
        return delegate.getCompatibility();
    }

    @Override
    public CompatibilityLevel getCompatibility(String subject) {
        return delegate.getCompatibility(subject);
    }

    @Override
    public void setCompatibility(CompatibilityLevel level) {
        delegate.setCompatibility(level);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        delegate.setCompatibility(subject, level);
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public List<Integer> deleteSubject(String subject) {
        List<Integer> deleted = delegate.deleteSubject(subject);
        idBySubjectSchema.removeIf(k -> k.subject().equals(subject));
        lookups.removeIf(k -> k.subject().equals(subject));
        latest.removeIf(subject::equals);
        return deleted;
    }
}
