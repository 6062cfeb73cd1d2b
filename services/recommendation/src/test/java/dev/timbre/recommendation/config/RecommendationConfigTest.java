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
            assertEquals(7, c.topN());
            assertEquals(Duration.ofDays(14), c.tasteHalfLife());
            assertEquals("/var/lib/rec", c.stateDir());
            assertEquals("6000", c.streams().get("session.timeout.ms"), c.streams().toString());
            assertEquals("timbre.recommendation.catalog", c.catalogTopic());
        }
    }

    @Test
    void unsetKeysTakeTheRecordsDefaults() {
        // application.yml sets no timbre.recommendation key: only state-dir is set here
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("timbre.recommendation.state-dir", "/var/lib/rec"))) {
            RecommendationConfig bound = ctx.getBean(RecommendationConfig.class);
            assertEquals(RecommendationConfig.defaults().with(b -> b.stateDir("/var/lib/rec")), bound);
        }
        RecommendationConfig d = RecommendationConfig.defaults();
        assertEquals(20, d.topN());
        assertEquals(25_000, d.annThreshold());
        assertEquals(Duration.ofDays(30), d.tasteHalfLife());
        assertEquals(true, d.newSongFanOut());
        assertEquals(Map.of(), d.streams());
        assertEquals("timbre.recommendation", d.applicationId());
    }

    @Test
    void withChangesACopyOnly() {
        RecommendationConfig d = RecommendationConfig.defaults();
        RecommendationConfig c = d.with(b -> b.topN(3).mmrLambda(0.5).applicationId("other"));
        assertEquals(3, c.topN());
        assertEquals(0.5, c.mmrLambda());
        assertEquals("other.catalog", c.catalogTopic());
        assertEquals(200, c.candidatePool());
        assertEquals(20, d.topN());
        assertEquals(d, d.with(b -> b));
    }
}
