package dev.timbre.recommendation.streams;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusterSettingsTest {

    @Test
    void chartSettingsBecomeClientKeysAndUnsetOnesStayOut() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "PLAIN",
                "kafka.replication.factor", "3",
                "schema.registry.basic.auth.user.info", "user:secret"))) {
            assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "replication.factor", "3",
                    "basic.auth.user.info", "user:secret"), ClusterSettings.from(ctx.getEnvironment()));
        }
    }
}
