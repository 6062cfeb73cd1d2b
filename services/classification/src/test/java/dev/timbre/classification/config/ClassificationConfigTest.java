package dev.timbre.classification.config;

import dev.timbre.classification.inference.ComputeDevice;
import dev.timbre.classification.pipeline.InferenceService;
import dev.timbre.classification.profile.ProfileService;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassificationConfigTest {

    @Test
    void bindsNestedSettingsFromConfiguration() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "classification.batch.max-size", 8,
                "classification.batch.max-wait", "150ms",
                "classification.model.path", "/models/genre-cnn",
                "classification.engine.device", "gpu",
                "classification.profiles.state-dir", "/var/lib/timbre/streams",
                "classification.profiles.replication-factor", 3,
                "classification.inference.enabled", false,
                "classification.profiles.enabled", false))) {
            ClassificationConfig config = ctx.getBean(ClassificationConfig.class);
            assertEquals(8, config.batch().maxSize());
            assertEquals(Duration.ofMillis(150), config.batch().maxWait());
            assertEquals("/models/genre-cnn", config.model().path());
            assertEquals(ComputeDevice.GPU, config.engine().device());
            assertEquals("/var/lib/timbre/streams", config.profiles().stateDir());
            assertEquals(3, config.profiles().replicationFactor());
            assertFalse(ctx.containsBean(InferenceService.class), "inference.enabled=false leaves the loop out");
            assertFalse(ctx.containsBean(ProfileService.class));
        }
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "classification.inference.enabled", false, "classification.profiles.enabled", false))) {
            ClassificationConfig config = ctx.getBean(ClassificationConfig.class);
            assertEquals(64, config.batch().maxSize());
            assertEquals(Duration.ofMillis(20), config.batch().maxWait());
            assertEquals(ComputeDevice.CPU, config.engine().device());
            assertTrue(config.model().path().isBlank(), "blank: the bundled model");
            assertEquals(KafkaSettings.SERVICE, "classification");
        }
    }
}
