package dev.timbre.platform.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry held in memory, for tests ({@code schema.registry.url=mock://<scope>}). It behaves like
 * Confluent's: ids are registry-wide and the same schema gets the same id under every subject, re-registering
 * a schema returns its id without a new version, and new versions are checked against the subject's
 * compatibility level (BACKWARD unless set) with Avro's {@link SchemaCompatibility}. Instances for a scope are
 * shared through {@link #forScope} so producers, consumers and Streams in one test see the same registry.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final Map<String, Integer> idByContent = new HashMap<>();
    private final Map<Integer, Schema> schemaById = new HashMap<>();
    /** subject → version → id, versions ascending. */
    private final Map<String, TreeMap<Integer, Integer>> versionsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    /** The registry shared by every client of {@code mock://scope}. */
    public static InMemorySchemaRegistry forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry());
    }

    /** Forgets a scope, so the next {@link #forScope} starts empty (call it between tests). */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        TreeMap<Integer, Integer> versions = versionsBySubject.get(subject);
        Optional<RegisteredSchema> existing = find(subject, schema);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        if (versions != null && !versions.isEmpty() && !compatible(subject, schema, versions)) {
            throw new IncompatibleSchemaException("Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\" (" + getCompatibility(subject) + ")");
        }
        int id = idByContent.computeIfAbsent(schema.toString(), c -> {
            schemaById.put(nextId, schema);
            return nextId++;
        });
        TreeMap<Integer, Integer> target = versionsBySubject.computeIfAbsent(subject, s -> new TreeMap<>());
        target.put(target.isEmpty() ? 1 : target.lastKey() + 1, id);
        return id;
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        requireSubject(subject);
        return find(subject, schema).orElseThrow(() -> new SchemaNotFoundException(SchemaNotFoundException.SCHEMA_NOT_FOUND,
                "Schema not found under subject \"" + subject + "\""));
    }

    @Override
    public synchronized Schema getById(int id) {
        Schema schema = schemaById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException(SchemaNotFoundException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema getLatest(String subject) {
        Map.Entry<Integer, Integer> last = requireSubject(subject).lastEntry();
        return new RegisteredSchema(subject, last.getValue(), last.getKey(), schemaById.get(last.getValue()));
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        return compatible(subject, schema, requireSubject(subject));
    }

    @Override
    public synchronized CompatibilityLevel getCompatibility() {
        return globalLevel;
    }

    @Override
    public synchronized CompatibilityLevel getCompatibility(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    @Override
    public synchronized void setCompatibility(CompatibilityLevel level) {
        globalLevel = level;
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, level);
    }

    @Override
    public synchronized List<String> subjects() {
        return new ArrayList<>(versionsBySubject.keySet());
    }

    @Override
    public synchronized List<Integer> deleteSubject(String subject) {
        List<Integer> deleted = new ArrayList<>(requireSubject(subject).keySet());
        versionsBySubject.remove(subject);
        return deleted;
    }

    private Optional<RegisteredSchema> find(String subject, Schema schema) {
        Integer id = idByContent.get(schema.toString());
        TreeMap<Integer, Integer> versions = versionsBySubject.get(subject);
        if (id == null || versions == null) {
            return Optional.empty();
        }
        return versions.entrySet().stream()
                .filter(e -> e.getValue().equals(id))
                .findFirst()
                .map(e -> new RegisteredSchema(subject, id, e.getKey(), schemaById.get(id)));
    }

    private TreeMap<Integer, Integer> requireSubject(String subject) {
        TreeMap<Integer, Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SubjectNotFoundException("Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private boolean compatible(String subject, Schema candidate, TreeMap<Integer, Integer> versions) {
        CompatibilityLevel level = getCompatibility(subject);
        if (level == CompatibilityLevel.NONE) {
            return true;
        }
        List<Integer> against = level.transitive() ? new ArrayList<>(versions.values()) : List.of(versions.lastEntry().getValue());
        for (int id : against) {
            Schema existing = schemaById.get(id);
            if (level.checksBackward() && !canRead(candidate, existing)) {
                return false;
            }
            if (level.checksForward() && !canRead(existing, candidate)) {
                return false;
            }
        }
        return true;
    }

    private static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
