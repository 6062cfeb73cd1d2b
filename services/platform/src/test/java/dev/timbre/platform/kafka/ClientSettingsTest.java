package dev.timbre.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.platform.registry.RegistryConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"timbre\" password=\"s3cret\";";

    /** What Micronaut gives for kafka.* when the helm chart's production env vars are set. */
    private static Map<String, Object> securedKafka() {
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", "broker-1:9093");
        kafka.put("security.protocol", "SASL_SSL");
        kafka.put("sasl.mechanism", "SCRAM-SHA-512");
        kafka.put("sasl.jaas.config", JAAS);
        // Micronaut's extra spellings of KAFKA_SASL_JAAS_CONFIG / KAFKA_SECURITY_PROTOCOL
        kafka.put("sasl-jaas.config", JAAS);
        kafka.put("sasl.jaas-config", JAAS);
        kafka.put("security-protocol", "SASL_SSL");
        return kafka;
    }

    @Test
    void clientPropertiesDropHyphenatedSpellingsAndStringifyValues() {
        Map<String, Object> kafka = securedKafka();
        kafka.put("max.poll.interval.ms", 600000);
        kafka.put("ignored", null);
        ClientSettings settings = new ClientSettings(kafka, "http://registry:8080", null);

        Map<String, Object> props = settings.clientProperties();
        assertEquals(Map.of("bootstrap.servers", "broker-1:9093", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS, "max.poll.interval.ms", "600000"), props);
        props.put("mutable", "yes"); // a fresh map each time
        assertFalse(settings.clientProperties().containsKey("mutable"));
        assertEquals("broker-1:9093", settings.bootstrapServers());
    }

    @Test
    void aListOfBrokersBecomesKafkasCommaSeparatedList() {
        ClientSettings settings = new ClientSettings(Map.of("bootstrap.servers", List.of("a:9092", "b:9092")), null, null);
        assertEquals("a:9092,b:9092", settings.bootstrapServers());
    }

    @Test
    void serdePropertiesUseConfluentsVocabularyWithBasicAuthOnlyWhenGiven() {
        ClientSettings open = new ClientSettings(Map.of(), "http://registry:8080", " ");
        assertEquals(Map.of(RegistryConfig.URL, "http://registry:8080", "specific.avro.reader", "true",
                "auto.register.schemas", "true"), open.serdeProperties());
        assertNull(open.registryUserInfo());

        ClientSettings secured = new ClientSettings(Map.of(), "http://registry:8080", "sr-user:sr-pass");
        Map<String, Object> serde = secured.serdeProperties();
        assertEquals("USER_INFO", serde.get(RegistryConfig.CREDENTIALS_SOURCE));
        assertEquals("sr-user:sr-pass", serde.get(RegistryConfig.USER_INFO));
        // the platform's registry client reads them as they are
        assertEquals("sr-user:sr-pass", RegistryConfig.from(serde).basicAuthUserInfo());
    }

    @Test
    void tuningOverridesAreOnlyTheExplicitOnes() {
        ClientSettings settings = new ClientSettings(Map.of("compression.type", "none", "linger.ms", 5,
                "acks", "1"), null, null);
        assertEquals(Map.of("compression.type", "none", "linger.ms", "5"), settings.tuningOverrides());
    }

    @Test
    void producerLayeringKeepsSafetyAndPassesSecurityThrough() {
        Map<String, Object> kafka = securedKafka();
        kafka.put("acks", "1");
        kafka.put("enable.idempotence", "false");
        kafka.put("compression.type", "none");
        ClientSettings settings = new ClientSettings(kafka, "http://registry:8080", "sr-user:sr-pass");

        Map<String, Object> props = settings.layer(
                KafkaConventions.producer("ingest", settings.bootstrapServers(), settings.registryUrl()));
        ProducerConfig config = new ProducerConfig(props);
        assertEquals("-1", config.getString(ProducerConfig.ACKS_CONFIG), "acks=all stays");
        assertTrue(config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("none", config.getString(ProducerConfig.COMPRESSION_TYPE_CONFIG), "explicit tuning wins");
        assertEquals("SASL_SSL", config.getString("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.getString(SaslConfigs.SASL_MECHANISM));
        assertEquals(new Password(JAAS), config.getPassword(SaslConfigs.SASL_JAAS_CONFIG));
        assertEquals(List.of("broker-1:9093"), config.getList(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        // its value serializer is configured from the same map: registry auth travels with it
        assertEquals("sr-user:sr-pass", RegistryConfig.from(props).basicAuthUserInfo());
    }

    @Test
    void consumerLayeringKeepsReadCommitted() {
        Map<String, Object> kafka = securedKafka();
        kafka.put("isolation.level", "read_uncommitted");
        kafka.put("max.poll.records", "10");
        ClientSettings settings = new ClientSettings(kafka, "http://registry:8080", null);

        ConsumerConfig config = new ConsumerConfig(settings.layer(
                KafkaConventions.consumer("classification", "other:9092", "http://registry:8080", true)));
        assertEquals("read_committed", config.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertEquals(10, config.getInt(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), "other settings pass through");
        assertEquals(List.of("other:9092"), config.getList(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG),
                "the conventions' bootstrap (the service's resolved one) wins");
        assertEquals("SASL_SSL", config.getString("security.protocol"));
    }

    @Test
    void safetySettingsTheConventionsLeaveOutAreNotTakenFromTheOperator() {
        ClientSettings settings = new ClientSettings(Map.of("isolation.level", "read_uncommitted"), null, null);
        Map<String, Object> props = settings.layer(Map.of("bootstrap.servers", "b:9092"));
        assertFalse(props.containsKey("isolation.level"));
    }

    @Test
    void streamsLayeringKeepsExactlyOnceAndTunesItsProducer() {
        Map<String, Object> kafka = securedKafka();
        kafka.put("processing.guarantee", "at_least_once");
        kafka.put("compression.type", "none");
        kafka.put("linger.ms", "1");
        ClientSettings settings = new ClientSettings(kafka, "http://registry:8080", "sr-user:sr-pass");

        Map<String, Object> props = settings.layer(
                KafkaConventions.streams("classification-profiles", settings.bootstrapServers(), settings.registryUrl(), 3));
        StreamsConfig config = new StreamsConfig(props);
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        Map<String, Object> producer = config.getProducerConfigs("client");
        assertEquals("none", producer.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals("1", String.valueOf(producer.get(ProducerConfig.LINGER_MS_CONFIG)));
        assertEquals("SASL_SSL", producer.get("security.protocol"));
        assertEquals(JAAS, producer.get(SaslConfigs.SASL_JAAS_CONFIG));
        assertEquals("SASL_SSL", config.getMainConsumerConfigs("g", "c", 0).get("security.protocol"));
        assertEquals("SASL_SSL", config.getAdminConfigs("a").get("security.protocol"));
        // the app's default serdes and dead-letter handlers are configured from this map too
        assertEquals("sr-user:sr-pass", RegistryConfig.from(props).basicAuthUserInfo());
    }

    @Test
    void registryAuthIsNotAddedToClientsWithoutARegistry() {
        ClientSettings settings = new ClientSettings(Map.of(), "http://registry:8080", "sr-user:sr-pass");
        Map<String, Object> props = settings.layer(Map.of("bootstrap.servers", "b:9092"));
        assertFalse(props.containsKey(RegistryConfig.USER_INFO));
    }

    @Test
    void aServicesOwnConnectionKeysWinOverTheSharedOnesWhenSet() {
        ClientSettings shared = new ClientSettings(securedKafka(), "http://registry:8080", "sr-user:sr-pass");
        ClientSettings own = shared.overriding("own:9092", "mock://own");
        assertEquals("own:9092", own.bootstrapServers());
        assertEquals("mock://own", own.registryUrl());
        assertEquals("SASL_SSL", own.clientProperties().get("security.protocol"));
        assertEquals("sr-user:sr-pass", own.registryUserInfo());
        ClientSettings kept = shared.overriding(" ", null);
        assertEquals("broker-1:9093", kept.bootstrapServers());
        assertEquals("http://registry:8080", kept.registryUrl());
    }

    @Test
    void toStringHidesCredentials() {
        String text = new ClientSettings(securedKafka(), "http://registry:8080", "sr-user:sr-pass").toString();
        assertFalse(text.contains("s3cret"), text);
        assertFalse(text.contains("sr-pass"), text);
    }

    @Test
    void aServiceUsesItsOwnKeysThenTheSharedOnesThenTheLocalPlatform() {
        ClientSettings shared = new ClientSettings(Map.of("bootstrap.servers", "shared:9092"), "http://shared-registry", null);
        ClientSettings own = shared.forService("own:9092", "http://own-registry");
        assertEquals("own:9092", own.bootstrapServers());
        assertEquals("http://own-registry", own.registryUrl());
        ClientSettings inherited = shared.forService(null, " ");
        assertEquals("shared:9092", inherited.bootstrapServers());
        assertEquals("http://shared-registry", inherited.registryUrl());
        ClientSettings local = new ClientSettings(Map.of(), null, null).forService(null, null);
        assertEquals(ClientSettings.LOCAL_BOOTSTRAP_SERVERS, local.bootstrapServers());
        assertEquals(ClientSettings.LOCAL_REGISTRY_URL, local.registryUrl());
    }
}
