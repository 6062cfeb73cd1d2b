package dev.timbre.platform.kafka;

import dev.timbre.platform.registry.RegistryConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one client factory: conventions, then the shared settings, then the service's tweaks. */
class KafkaClientsTest {

    private static final ClientSettings SHARED = new ClientSettings(Map.of(
            "bootstrap.servers", "broker:9093",
            "security.protocol", "SASL_SSL",
            "acks", "1",                           // never weakens the conventions
            "isolation.level", "read_uncommitted", // nor this
            "compression.type", "none",            // explicit tuning wins over the conventions
            "max.poll.interval.ms", "600000"),
            "https://registry:8443", "sr-user:sr-pass");

    private final KafkaClients clients = new KafkaClients("svc", SHARED);

    @Test
    void producersAreConventionsThenSharedSettingsThenTweaks() {
        Map<String, Object> props = clients.producerConfig(p -> p.put(ProducerConfig.LINGER_MS_CONFIG, 0));
        ProducerConfig config = new ProducerConfig(props);
        assertEquals("-1", config.getString(ProducerConfig.ACKS_CONFIG), "acks=all whatever kafka.acks says");
        assertTrue(config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("none", props.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals(0, props.get(ProducerConfig.LINGER_MS_CONFIG), "the service's tweak comes last");
        assertEquals(List.of("broker:9093"), config.getList(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertFalse(props.containsKey(RegistryConfig.URL), "serializers are instances, configured from serdeConfig()");
    }

    @Test
    void consumersReadCommittedInTheServicesGroupAndTweaksMayRemoveKeys() {
        Map<String, Object> props = clients.consumerConfig(p -> p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2));
        assertEquals("timbre.svc", props.get(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals("read_committed", props.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertEquals(false, props.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertEquals("600000", props.get("max.poll.interval.ms"), "the operator's settings pass through");
        assertEquals(2, props.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));

        Map<String, Object> assignOnly = clients.consumerConfig(p -> p.remove(ConsumerConfig.GROUP_ID_CONFIG));
        assertFalse(assignOnly.containsKey(ConsumerConfig.GROUP_ID_CONFIG));
    }

    @Test
    void assignOnlyConsumersHaveNoGroupButKeepTheConventions() {
        Map<String, Object> props = clients.assignOnlyConsumerConfig("svc-feed");
        assertFalse(props.containsKey(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals("svc-feed", props.get(ConsumerConfig.CLIENT_ID_CONFIG));
        assertEquals("read_committed", props.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
    }

    @Test
    void streamsAppsGetTheConventionsDeadLetterHandlersAndStaticMembershipTweaks() {
        Map<String, Object> props = clients.streamsConfig("app", 3, p -> {
            p.put("group.instance.id", "app-0");
            p.put("session.timeout.ms", 30_000);
        });
        StreamsConfig config = new StreamsConfig(props);
        assertEquals("timbre.app", config.getString(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("dev.timbre.platform.dlq.DeadLetterDeserializationHandler",
                config.getClass(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG).getName());
        assertEquals("dev.timbre.platform.dlq.DeadLetterProcessingHandler",
                config.getClass(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG).getName());
        // Streams suffixes the static member id with the thread index
        assertEquals("app-0-0", config.getMainConsumerConfigs("g", "c", 0).get("group.instance.id"));
        assertEquals("none", config.getProducerConfigs("p").get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals("sr-user:sr-pass", RegistryConfig.from(props).basicAuthUserInfo(), "serdes and handlers read this map");
        assertEquals("SASL_SSL", config.getAdminConfigs("a").get("security.protocol"));
    }

    @Test
    void theBrokersDefaultReplicationIsAllowedButNotZero() {
        assertEquals(-1, new StreamsConfig(clients.streamsConfig("app", -1, KafkaClients.NONE))
                .getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertThrows(IllegalArgumentException.class, () -> clients.streamsConfig("app", 0, KafkaClients.NONE));
    }

    @Test
    void serviceNamesFollowTheConventions() {
        assertThrows(IllegalArgumentException.class, () -> new KafkaClients("has space", SHARED));
    }
}
