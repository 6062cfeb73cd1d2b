package dev.timbre.platform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {
    private static final Schema V1 = dev.timbre.platform.test.v1.Track.getClassSchema();
    private static final Schema V2 = dev.timbre.platform.test.v2.Track.getClassSchema();
    private static final Schema V3 = dev.timbre.platform.test.v3.Track.getClassSchema();
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void idsAreRegistryWideAndVersionsPerSubject() {
        int id = registry.register("a-value", V1);
        assertEquals(id, registry.register("b-value", V1), "same schema, same id under another subject");
        assertEquals(id, registry.register("a-value", V1), "no new version for the same schema");
        int id2 = registry.register("a-value", V2);
        assertTrue(id2 != id);
        assertEquals(new RegisteredSchema("a-value", id2, 2, V2), registry.getLatest("a-value"));
        assertEquals(new RegisteredSchema("a-value", id, 1, V1), registry.lookup("a-value", V1));
        assertEquals(List.of("a-value", "b-value"), registry.subjects());
    }

    @Test
    void backwardByDefault() {
        registry.register("s", V1);
        assertTrue(registry.isCompatible("s", V2));
        assertFalse(registry.isCompatible("s", V3));
        assertThrows(IncompatibleSchemaException.class, () -> registry.register("s", V3));
        assertEquals(1, registry.getLatest("s").version(), "a refused schema adds no version");
    }

    @Test
    void forwardFullNoneAndTransitiveLevels() {
        Schema a = SchemaBuilder.record("R").fields().requiredInt("a").endRecord();
        Schema ab = SchemaBuilder.record("R").fields().requiredInt("a").requiredInt("b").endRecord();
        Schema abOptional = SchemaBuilder.record("R").fields().requiredInt("a").name("b").type().intType().intDefault(0).endRecord();

        registry.setCompatibility("fwd", CompatibilityLevel.FORWARD);
        registry.register("fwd", a);
        assertTrue(registry.isCompatible("fwd", ab), "old readers ignore the new field");
        registry.setCompatibility("bwd", CompatibilityLevel.BACKWARD);
        registry.register("bwd", a);
        assertFalse(registry.isCompatible("bwd", ab), "new reader needs b, old data has none");

        registry.setCompatibility("full", CompatibilityLevel.FULL);
        registry.register("full", a);
        assertFalse(registry.isCompatible("full", ab));
        assertTrue(registry.isCompatible("full", abOptional));

        registry.setCompatibility("none", CompatibilityLevel.NONE);
        registry.register("none", ab);
        assertTrue(registry.isCompatible("none", SchemaBuilder.record("R").fields().requiredString("z").endRecord()));

        // Transitive: v1 {x:int}, v2 {} (drops x), v3 {x:string=""}. v3 reads v2 data, but not v1's int x.
        Schema xInt = SchemaBuilder.record("R").fields().requiredInt("x").endRecord();
        Schema empty = SchemaBuilder.record("R").fields().endRecord();
        Schema xString = SchemaBuilder.record("R").fields().name("x").type().stringType().stringDefault("").endRecord();
        registry.setCompatibility("t", CompatibilityLevel.BACKWARD_TRANSITIVE);
        registry.register("t", xInt);
        registry.register("t", empty);
        assertFalse(registry.isCompatible("t", xString), "v3 cannot read v1 data");
        registry.setCompatibility("t", CompatibilityLevel.BACKWARD);
        assertTrue(registry.isCompatible("t", xString), "against the latest only it is fine");
    }

    @Test
    void globalAndSubjectLevels() {
        assertEquals(CompatibilityLevel.BACKWARD, registry.getCompatibility());
        registry.setCompatibility(CompatibilityLevel.FULL);
        assertEquals(CompatibilityLevel.FULL, registry.getCompatibility("x"));
        registry.setCompatibility("x", CompatibilityLevel.NONE);
        assertEquals(CompatibilityLevel.NONE, registry.getCompatibility("x"));
        assertThrows(InvalidSchemaException.class, () -> CompatibilityLevel.parse("SIDEWAYS"));
    }

    @Test
    void missingThingsAreTypedErrors() {
        assertThrows(SubjectNotFoundException.class, () -> registry.getLatest("nope"));
        assertThrows(SubjectNotFoundException.class, () -> registry.isCompatible("nope", V1));
        assertThrows(SchemaNotFoundException.class, () -> registry.getById(77));
        registry.register("s", V1);
        assertThrows(SchemaNotFoundException.class, () -> registry.lookup("s", V2));
        assertEquals(List.of(1), registry.deleteSubject("s"));
        assertThrows(SubjectNotFoundException.class, () -> registry.getLatest("s"));
        assertEquals(V1, registry.getById(1), "ids outlive their subject, as in Confluent");
    }

    @Test
    void mockUrlsShareOneRegistryPerScope() {
        SchemaRegistryClient a = SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "mock://shared-scope"));
        SchemaRegistryClient b = SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "mock://shared-scope"));
        SchemaRegistryClient other = SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "mock://other-scope"));
        assertSame(a, b);
        assertNotSame(a, other);
        int id = a.register("s", V1);
        assertEquals(V1, b.getById(id));
        InMemorySchemaRegistry.dropScope("shared-scope");
        InMemorySchemaRegistry.dropScope("other-scope");
        assertThrows(SchemaNotFoundException.class,
                () -> SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "mock://shared-scope")).getById(id));
    }

    @Test
    void httpUrlsGetACachedHttpClient() {
        SchemaRegistryClient client = SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "http://localhost:1/apis/ccompat/v7"));
        assertTrue(client instanceof CachedSchemaRegistryClient cached && cached.delegate() instanceof HttpSchemaRegistryClient);
        assertThrows(org.apache.kafka.common.config.ConfigException.class,
                () -> SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "ftp://x")));
    }
}
