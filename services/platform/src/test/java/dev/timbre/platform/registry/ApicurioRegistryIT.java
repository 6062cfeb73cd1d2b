package dev.timbre.platform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Our HTTP client against the real Apicurio registry (Confluent-compatible API). */
@ExtendWith(KafkaPlatformExtension.class)
class ApicurioRegistryIT {
    private static final Schema V1 = dev.timbre.platform.test.v1.Track.getClassSchema();
    private static final Schema V2 = dev.timbre.platform.test.v2.Track.getClassSchema();
    private static final Schema V3 = dev.timbre.platform.test.v3.Track.getClassSchema();

    private final HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(TestPlatform.get().registryUrl());
    private final String subject = "it-" + UUID.randomUUID() + "-value";

    @Test
    void registerLookupGetByIdLatestAndEvolution() {
        int id1 = client.register(subject, V1);
        assertEquals(id1, client.register(subject, V1), "re-registering returns the same id");
        RegisteredSchema found = client.lookup(subject, V1);
        assertEquals(id1, found.id());
        assertEquals(1, found.version());
        assertEquals(V1, client.getById(id1));

        assertTrue(client.isCompatible(subject, V2), "optional fields with defaults are BACKWARD compatible");
        assertFalse(client.isCompatible(subject, V3), "a required field without default is not");
        int id2 = client.register(subject, V2);
        RegisteredSchema latest = client.getLatest(subject);
        assertEquals(id2, latest.id());
        assertEquals(2, latest.version());
        assertEquals(V2, latest.schema());

        IncompatibleSchemaException refused = assertThrows(IncompatibleSchemaException.class, () -> client.register(subject, V3));
        assertEquals(409, refused.status());
        assertEquals(2, client.getLatest(subject).version(), "the refused schema added no version");
        assertTrue(client.subjects().contains(subject));
    }

    @Test
    void subjectConfigOverridesGlobal() {
        client.register(subject, V1);
        assertEquals(CompatibilityLevel.BACKWARD, client.getCompatibility(), "the harness sets BACKWARD globally");
        assertEquals(CompatibilityLevel.BACKWARD, client.getCompatibility(subject), "no subject level: the global one");
        client.setCompatibility(subject, CompatibilityLevel.NONE);
        assertEquals(CompatibilityLevel.NONE, client.getCompatibility(subject));
        assertEquals(CompatibilityLevel.BACKWARD, client.getCompatibility());
        client.register(subject, V3);
        assertEquals(2, client.getLatest(subject).version());
    }

    @Test
    void missingThingsAreTypedErrors() {
        assertThrows(SubjectNotFoundException.class, () -> client.getLatest(subject));
        assertThrows(SubjectNotFoundException.class, () -> client.lookup(subject, V1));
        assertThrows(SchemaNotFoundException.class, () -> client.getById(Integer.MAX_VALUE - 7));
        client.register(subject, V1);
        assertThrows(SchemaNotFoundException.class, () -> client.lookup(subject, V2));
    }
}
