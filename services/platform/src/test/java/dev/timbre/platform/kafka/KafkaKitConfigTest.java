package dev.timbre.platform.kafka;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** timbre.kafka.*: one immutable record, its defaults written once, and the service's KafkaClients from it. */
class KafkaKitConfigTest {

    @Test
    void defaultsAndNoClientFactoryForAnUnnamedService() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("micronaut.server.enabled", false))) {
            KafkaKitConfig kit = ctx.getBean(KafkaKitConfig.class);
            assertEquals(Duration.ofSeconds(30), kit.ackTimeout());
            assertNull(kit.service());
            assertFalse(ctx.containsBean(KafkaClients.class));
        }
    }

    @Test
    void aNamedServiceGetsItsClientFactoryOverTheSharedSettings() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "timbre.kafka.service", "svc", "timbre.kafka.ack-timeout", "5s",
                "kafka.bootstrap.servers", "broker:9093", "kafka.security.protocol", "SSL"))) {
            assertEquals(Duration.ofSeconds(5), ctx.getBean(KafkaKitConfig.class).ackTimeout());
            KafkaClients clients = ctx.getBean(KafkaClients.class);
            assertEquals("svc", clients.service());
            Map<String, Object> producer = clients.producerConfig(KafkaClients.NONE);
            assertEquals("broker:9093", producer.get("bootstrap.servers"));
            assertEquals("SSL", producer.get("security.protocol"));
        }
    }
}
