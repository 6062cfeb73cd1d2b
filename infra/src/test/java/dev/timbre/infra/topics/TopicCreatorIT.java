package dev.timbre.infra.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.PlatformException;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Applying the catalogue is idempotent and converges topics that drifted from it. */
@ExtendWith(KafkaPlatformExtension.class)
class TopicCreatorIT {
    private final List<String> log = new ArrayList<>();
    private final TopicCreator creator = new TopicCreator(log::add, Duration.ofSeconds(30));

    @Test
    void createsThenLeavesAloneThenConverges(TestPlatform platform) throws Exception {
        String name = "it.converge." + UUID.randomUUID();
        String bootstrap = platform.bootstrapServers();
        TopicSpec first = new TopicSpec(name, 1, (short) 1, Map.of("cleanup.policy", "delete", "retention.ms", "1000"));
        assertEquals(Map.of(name, TopicCreator.Outcome.CREATED), creator.apply(bootstrap, List.of(first)));
        assertEquals(Map.of(name, TopicCreator.Outcome.UNCHANGED), creator.apply(bootstrap, List.of(first)));

        TopicSpec declared = new TopicSpec(name, 4, (short) 1, Map.of("cleanup.policy", "compact"));
        assertEquals(Map.of(name, TopicCreator.Outcome.UPDATED), creator.apply(bootstrap, List.of(declared)));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            assertEquals(4, admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(name).partitions().size());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertEquals("compact", config.get("cleanup.policy").value());
        }
        // shrinking is impossible in Kafka: reported, not fatal
        TopicSpec fewer = new TopicSpec(name, 2, (short) 1, Map.of("cleanup.policy", "compact"));
        assertEquals(Map.of(name, TopicCreator.Outcome.UNCHANGED), creator.apply(bootstrap, List.of(fewer)));
        assertTrue(log.stream().anyMatch(m -> m.contains("cannot shrink")), log.toString());
    }

    @Test
    void invalidConfigFailsWithTheBrokersReason(TestPlatform platform) {
        TopicSpec bad = new TopicSpec("it.bad." + UUID.randomUUID(), 1, (short) 1, Map.of("cleanup.policy", "sometimes"));
        PlatformException e = assertThrows(PlatformException.class,
                () -> creator.apply(platform.bootstrapServers(), List.of(bad)));
        assertTrue(e.getMessage().contains(platform.bootstrapServers()), e.getMessage());
    }
}
