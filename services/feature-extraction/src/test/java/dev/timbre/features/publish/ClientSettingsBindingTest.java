package dev.timbre.features.publish;

import dev.timbre.platform.kafka.ClientSettings;
import dev.timbre.platform.kafka.KafkaClients;
import dev.timbre.platform.kafka.KafkaKitConfig;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The Micronaut binding: the helm chart's production settings reach feature-extraction's clients and serdes. */
class ClientSettingsBindingTest {

    @Test
    void securedClusterSettingsReachClientsAndSerdes() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";";
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", "broker-1:9093");
        props.put("kafka.security.protocol", "SASL_SSL");
        props.put("kafka.sasl.mechanism", "PLAIN");
        props.put("kafka.sasl.jaas.config", jaas);
        props.put("kafka.sasl-jaas.config", jaas); // one of Micronaut's extra spellings of KAFKA_SASL_JAAS_CONFIG
        props.put("kafka.compression.type", "none");
        props.put("schema.registry.url", "https://registry:8443");
        props.put("schema.registry.basic.auth.user.info", "sr-user:sr-pass");
        props.put("timbre.kafka.producer.enabled", false);
        props.put("timbre.features.consumer.enabled", false);
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            ClientSettings settings = ctx.getBean(ClientSettings.class);
            Map<String, Object> client = settings.clientProperties();
            assertEquals("SASL_SSL", client.get("security.protocol"));
            assertEquals(jaas, client.get("sasl.jaas.config"));
            assertFalse(client.containsKey("sasl-jaas.config"));
            assertEquals("broker-1:9093", settings.bootstrapServers());
            assertEquals("sr-user:sr-pass", settings.serdeProperties().get("basic.auth.user.info"));
            assertEquals(Map.of("compression.type", "none"), settings.tuningOverrides());
        }
    }

    @Test
    void withoutTheEnvironmentTheLocalBrokerIsTheDefault() {
        Map<String, Object> props = new HashMap<>();
        props.put("timbre.kafka.producer.enabled", false);
        props.put("timbre.features.consumer.enabled", false);
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            // application.yml's ${KAFKA_BOOTSTRAP_SERVERS:`localhost:9092`}: unquoted, the default read as "9092"
            assertEquals("localhost:9092", ctx.getBean(ClientSettings.class).bootstrapServers());
        }
    }

    @Test
    void theServicesClientFactoryIsNamedByApplicationYml() {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", "broker-1:9093");
        props.put("kafka.security.protocol", "SASL_SSL");
        props.put("timbre.kafka.producer.enabled", false);
        props.put("timbre.features.consumer.enabled", false);
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            KafkaClients clients = ctx.getBean(KafkaClients.class);
            assertEquals(FeaturePublisher.SERVICE, clients.service());
            Map<String, Object> consumer = clients.consumerConfig(KafkaClients.NONE);
            assertEquals("timbre.feature-extraction", consumer.get("group.id"));
            assertEquals("SASL_SSL", consumer.get("security.protocol"));
            assertEquals("broker-1:9093", consumer.get("bootstrap.servers"));
            assertEquals(java.time.Duration.ofSeconds(60), ctx.getBean(KafkaKitConfig.class).ackTimeout(),
                    "application.yml: a song's windows get a minute");
        }
    }
}
