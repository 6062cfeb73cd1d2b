package dev.timbre.ingest.publish;

import dev.timbre.platform.kafka.ClientSettings;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The Micronaut binding: the helm chart's production settings reach ingest's clients and serdes. */
class ClientSettingsBindingTest {

    @Test
    void securedClusterSettingsReachClientsAndSerdes(@TempDir Path dir) {
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
        props.put("timbre.catalog.feed.enabled", false);
        props.put("timbre.live.feed.enabled", false);
        props.put("timbre.security.dev-keys-file", dir.resolve("dev-api-keys.properties").toString());
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
    void withoutTheEnvironmentTheLocalBrokerIsTheDefault(@TempDir Path dir) {
        Map<String, Object> props = new HashMap<>();
        props.put("timbre.kafka.producer.enabled", false);
        props.put("timbre.catalog.feed.enabled", false);
        props.put("timbre.live.feed.enabled", false);
        props.put("timbre.security.dev-keys-file", dir.resolve("dev-api-keys.properties").toString());
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            // application.yml's ${KAFKA_BOOTSTRAP_SERVERS:`localhost:9092`}: unquoted, the default read as "9092"
            assertEquals("localhost:9092", ctx.getBean(ClientSettings.class).bootstrapServers());
        }
    }
}
