package dev.timbre.recommendation.config;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecommendationConfigTest {

    @Test
    void bindsSettingsAndPassesExtraStreamsPropertiesThrough() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "timbre.recommendation.top-n", 7,
                "timbre.recommendation.taste-half-life", "14d",
                "timbre.recommendation.state-dir", "/var/lib/rec",
                "timbre.recommendation.streams.session.timeout.ms", "6000"))) {
            RecommendationConfig c = ctx.getBean(RecommendationConfig.class);
            assertEquals(7, c.getTopN());
            assertEquals(Duration.ofDays(14), c.getTasteHalfLife());
            assertEquals("/var/lib/rec", c.getStateDir());
            assertEquals("6000", c.getStreams().get("session.timeout.ms"), c.getStreams().toString());
            assertEquals("timbre.recommendation.catalog", c.catalogTopic());
        }
    }
}
