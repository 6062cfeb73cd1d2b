package dev.timbre.classification.config;

import dev.timbre.platform.registry.RegistryConfig;
import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The helm chart's production settings (SASL_SSL, registry basic auth) reach every client of the service. */
class KafkaSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"timbre\" password=\"s3cret\";";

    private static Map<String, Object> secured() {
        Map<String, Object> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", "broker-1:9093");
        props.put("kafka.security.protocol", "SASL_SSL");
        props.put("kafka.sasl.mechanism", "PLAIN");
        props.put("kafka.sasl.jaas.config", JAAS);
        props.put("kafka.sasl-jaas.config", JAAS); // one of Micronaut's extra spellings of KAFKA_SASL_JAAS_CONFIG
        props.put("kafka.acks", "1");              // never weakens the conventions
        props.put("schema.registry.url", "https://registry:8443/apis/ccompat/v7");
        props.put("schema.registry.basic.auth.credentials.source", "USER_INFO");
        props.put("schema.registry.basic.auth.user.info", "sr-user:sr-pass");
        props.put("timbre.classification.inference.enabled", false);
        props.put("timbre.classification.profiles.enabled", false);
        return props;
    }

    @Test
    void securitySettingsReachTheConsumerProducerStreamsAndSerdes() {
        try (ApplicationContext ctx = ApplicationContext.run(secured())) {
            KafkaSettings kafka = ctx.getBean(KafkaSettings.class);

            ConsumerConfig consumer = new ConsumerConfig(kafka.inferenceConsumer());
            assertEquals("SASL_SSL", consumer.getString("security.protocol"));
            assertEquals("PLAIN", consumer.getString(SaslConfigs.SASL_MECHANISM));
            assertEquals(new Password(JAAS), consumer.getPassword(SaslConfigs.SASL_JAAS_CONFIG));
            assertEquals(List.of("broker-1:9093"), consumer.getList(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
            assertEquals("read_committed", consumer.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
            assertFalse(kafka.inferenceConsumer().containsKey("sasl-jaas.config"));

            ProducerConfig producer = new ProducerConfig(kafka.inferenceProducer());
            assertEquals("SASL_SSL", producer.getString("security.protocol"));
            assertEquals(new Password(JAAS), producer.getPassword(SaslConfigs.SASL_JAAS_CONFIG));
            assertEquals("-1", producer.getString(ProducerConfig.ACKS_CONFIG), "acks=all whatever kafka.acks says");
            assertTrue(producer.getString(ProducerConfig.TRANSACTIONAL_ID_CONFIG).startsWith("timbre-classification-inference-"));

            Map<String, Object> streamsProps = new HashMap<>();
            kafka.profileStreams().forEach((k, v) -> streamsProps.put((String) k, v));
            StreamsConfig streams = new StreamsConfig(streamsProps);
            assertEquals(StreamsConfig.EXACTLY_ONCE_V2, streams.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
            assertEquals("SASL_SSL", streams.getProducerConfigs("p").get("security.protocol"));
            assertEquals(JAAS, streams.getMainConsumerConfigs("g", "c", 0).get(SaslConfigs.SASL_JAAS_CONFIG));
            assertEquals("SASL_SSL", streams.getAdminConfigs("a").get("security.protocol"));
            // default serdes and the dead-letter handlers are configured from the Streams map too
            assertEquals("sr-user:sr-pass", RegistryConfig.from(streamsProps).basicAuthUserInfo());

            RegistryConfig registry = RegistryConfig.from(kafka.serde());
            assertEquals("sr-user:sr-pass", registry.basicAuthUserInfo());
            assertEquals("https://registry:8443/apis/ccompat/v7", registry.urls().get(0).toString());
        }
    }

    @Test
    void theConsumerConfigIsAcceptedByARealClient() {
        Map<String, Object> props = secured();
        // SCRAM needs no server to log in, so the client can be built offline; it only connects on poll
        props.put("kafka.bootstrap.servers", "127.0.0.1:1");
        props.put("kafka.sasl.mechanism", "SCRAM-SHA-512");
        props.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"timbre\" password=\"s3cret\";");
        try (ApplicationContext ctx = ApplicationContext.run(props);
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                     ctx.getBean(KafkaSettings.class).inferenceConsumer())) {
            assertTrue(consumer.metrics().size() > 0);
        }
    }

    @Test
    void theServicesOwnKeysStillWinAndTheSharedOnesAreTheFallback() {
        Map<String, Object> props = secured();
        props.put("timbre.classification.bootstrap-servers", "own:9092");
        props.put("timbre.classification.schema-registry-url", "mock://own");
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            KafkaSettings kafka = ctx.getBean(KafkaSettings.class);
            assertEquals("own:9092", kafka.clients().settings().bootstrapServers());
            assertEquals("mock://own", kafka.clients().settings().registryUrl());
            assertEquals("SASL_SSL", kafka.inferenceConsumer().get("security.protocol"));
        }
        try (ApplicationContext ctx = ApplicationContext.run(Map.of(
                "timbre.classification.inference.enabled", false, "timbre.classification.profiles.enabled", false))) {
            KafkaSettings kafka = ctx.getBean(KafkaSettings.class);
            assertEquals("localhost:9092", kafka.clients().settings().bootstrapServers(), "application.yml's default");
            assertEquals("http://localhost:8085/apis/ccompat/v7", kafka.clients().settings().registryUrl());
            assertFalse(kafka.serde().containsKey(RegistryConfig.USER_INFO));
        }
    }
}
