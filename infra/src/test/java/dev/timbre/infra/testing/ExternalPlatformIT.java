package dev.timbre.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.PlatformException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code timbre.test.bootstrap} / {@code timbre.test.registry}: tests reuse a platform that already runs. */
@ExtendWith(KafkaPlatformExtension.class)
class ExternalPlatformIT {
    @Test
    void usesTheGivenPlatformInsteadOfStartingOne(TestPlatform running) {
        assertFalse(running.external());
        TestPlatform external = TestPlatform.create(running.bootstrapServers(), running.registryUrl());
        assertTrue(external.external());
        assertEquals(running.bootstrapServers(), external.bootstrapServers());
        assertEquals(running.registryUrl(), external.registryUrl());
        assertEquals(Map.of("bootstrap.servers", running.bootstrapServers(), "schema.registry.url",
                running.registryUrl()), external.clientProperties());
    }

    @Test
    void refusesHalfAConfiguration() {
        PlatformException e = assertThrows(PlatformException.class, () -> TestPlatform.create("127.0.0.1:9092", " "));
        assertTrue(e.getMessage().contains(TestPlatform.REGISTRY_PROPERTY), e.getMessage());
    }
}
