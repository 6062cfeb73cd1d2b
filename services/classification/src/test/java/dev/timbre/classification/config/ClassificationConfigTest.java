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
                "timbre.classification.batch.max-size", 8,
                "timbre.classification.batch.max-wait", "150ms",
                "timbre.classification.model.path", "/models/genre-cnn",
                "timbre.classification.engine.device", "gpu",
                "timbre.classification.profiles.state-dir", "/var/lib/timbre/streams",
                "timbre.classification.profiles.replication-factor", 3,
                "timbre.classification.inference.enabled", false,
                "timbre.classification.profiles.enabled", false))) {
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
                "timbre.classification.inference.enabled", false, "timbre.classification.profiles.enabled", false))) {
            ClassificationConfig config = ctx.getBean(ClassificationConfig.class);
            assertEquals(64, config.batch().maxSize());
            assertEquals(Duration.ofMillis(20), config.batch().maxWait());
            assertEquals(ComputeDevice.CPU, config.engine().device());
            assertTrue(config.model().path().isBlank(), "blank: the bundled model");
            assertEquals(KafkaSettings.SERVICE, "classification");
        }
    }
}
