package dev.timbre.recommendation.streams;

import dev.timbre.platform.registry.RegistryConfig;
import dev.timbre.recommendation.config.RecommendationConfig;
import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The helm chart's production settings (SASL_SSL, registry basic auth) reach the Streams app, its admin and serdes. */
class StreamsPropertiesTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"timbre\" password=\"s3cret\";";
    private static final HostInfo SELF = new HostInfo("rec-0", 8083);

    private static Map<String, Object> secured() {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", "broker-1:9093");
        props.put("kafka.security.protocol", "SASL_SSL");
        props.put("kafka.sasl.mechanism", "PLAIN");
        props.put("kafka.sasl.jaas.config", JAAS);
        props.put("kafka.sasl-jaas.config", JAAS);                 // one of Micronaut's extra spellings
        props.put("kafka.ssl.truststore.location", "/etc/kafka/truststore.p12");
        props.put("kafka.processing.guarantee", "at_least_once");  // never weakens exactly-once
        props.put("kafka.replication.factor", "3");                // the chart's KAFKA_REPLICATION_FACTOR
        props.put("schema.registry.url", "https://registry:8443/apis/ccompat/v7");
        props.put("schema.registry.basic.auth.user.info", "sr-user:sr-pass");
        return props;
    }

    private static Map<String, Object> streamsProperties(Map<String, Object> settings) {
        try (ApplicationContext ctx = ApplicationContext.builder().properties(settings).build()) {
            ctx.start();
            return StreamsRunner.streamsProperties(ctx.getBean(RecommendationConfig.class),
                    ctx.getBean(dev.timbre.platform.kafka.ClientSettings.class), SELF);
        }
    }

    @Test
    void securitySettingsReachEveryStreamsClientAndTheSerdes() {
        Map<String, Object> props = streamsProperties(secured());
        StreamsConfig streams = new StreamsConfig(props);
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, streams.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(List.of("broker-1:9093"), streams.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals(3, streams.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        for (Map<String, Object> client : List.of(streams.getProducerConfigs("p"),
                streams.getMainConsumerConfigs("g", "c", 0), streams.getRestoreConsumerConfigs("r"),
                streams.getGlobalConsumerConfigs("gc"), streams.getAdminConfigs("a"))) {
            assertEquals("SASL_SSL", client.get("security.protocol"));
            assertEquals("PLAIN", client.get(SaslConfigs.SASL_MECHANISM));
            assertEquals(JAAS, client.get(SaslConfigs.SASL_JAAS_CONFIG));
            assertEquals("/etc/kafka/truststore.p12", client.get("ssl.truststore.location"));
        }
        assertFalse(props.containsKey("sasl-jaas.config"));
        // RecommendationTopology builds its serdes (and so its dead-letter output) from this map
        RegistryConfig registry = RegistryConfig.from(props);
        assertEquals("sr-user:sr-pass", registry.basicAuthUserInfo());
        assertEquals("https://registry:8443/apis/ccompat/v7", registry.urls().get(0).toString());
    }

    @Test
    void theAdminClientGetsTheConnectionAndSecuritySettingsOnly() {
        Map<String, Object> admin = AppTopics.adminConfig(streamsProperties(secured()));
        AdminClientConfig config = new AdminClientConfig(admin);
        assertEquals("SASL_SSL", config.getString("security.protocol"));
        assertEquals(List.of("broker-1:9093"), config.getList(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertFalse(admin.containsKey(StreamsConfig.APPLICATION_ID_CONFIG));
        assertFalse(admin.containsKey(RegistryConfig.USER_INFO));
    }

    @Test
    void explicitTuningReachesTheStreamsProducer() {
        Map<String, Object> settings = secured();
        settings.put("kafka.compression.type", "none");
        StreamsConfig streams = new StreamsConfig(streamsProperties(settings));
        assertEquals("none", streams.getProducerConfigs("p").get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
    }

    @Test
    void theServicesOwnKeysStillWin() {
        Map<String, Object> settings = secured();
        settings.put("timbre.recommendation.bootstrap-servers", "own:9092");
        settings.put("timbre.recommendation.schema-registry-url", "mock://own");
        settings.put("timbre.recommendation.replication-factor", 1);
        Map<String, Object> props = streamsProperties(settings);
        assertEquals("own:9092", props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("mock://own", props.get(RegistryConfig.URL));
        assertEquals(1, new StreamsConfig(props).getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertEquals("SASL_SSL", props.get("security.protocol"));
    }

    @Test
    void withoutSharedSettingsTheLocalDefaultsApply() {
        Map<String, Object> props = StreamsRunner.streamsProperties(RecommendationConfig.defaults(),
                new dev.timbre.platform.kafka.ClientSettings(Map.of(), null, null), SELF);
        assertEquals("localhost:9092", props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("http://localhost:8085/apis/ccompat/v7", props.get(RegistryConfig.URL));
        assertEquals(-1, new StreamsConfig(props).getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertFalse(props.containsKey("security.protocol"));
    }
}
