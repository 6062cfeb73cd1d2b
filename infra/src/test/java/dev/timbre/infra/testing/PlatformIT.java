package dev.timbre.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.topics.TopicCatalog;
import dev.timbre.infra.topics.TopicSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared test platform: a real broker and registry, as the services' integration tests see them. */
@ExtendWith(KafkaPlatformExtension.class)
class PlatformIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void isStartedOncePerJvmAndInjectable(TestPlatform injected) {
        assertSame(TestPlatform.get(), injected);
        assertTrue(injected.bootstrapServers().startsWith("127.0.0.1:"));
        assertTrue(injected.registryUrl().endsWith("/apis/ccompat/v7"), injected.registryUrl());
    }

    @Test
    void producesAndConsumesThroughTheBroker() throws Exception {
        String topic = "it.plain." + UUID.randomUUID();
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps())) {
            for (int i = 0; i < 50; i++) {
                sent.add("value-" + i);
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 5), "value-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        List<String> received = consumeAll(topic, sent.size(), "read_uncommitted");
        assertEquals(sent.size(), received.size());
        assertEquals(new java.util.HashSet<>(sent), new java.util.HashSet<>(received));
    }

    @Test
    void exactlyOnceTransactionsWorkOnTheSingleNode() throws Exception {
        String topic = "it.tx." + UUID.randomUUID();
        Properties props = producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
            producer.commitTransaction();
        }
        assertEquals(List.of("committed-1", "committed-2"), consumeAll(topic, 2, "read_committed"));
    }

    @Test
    void declaredTopicsExistWithTheirConfig() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestPlatform.get().bootstrapServers()))) {
            List<TopicSpec> declared = TopicCatalog.bundled().topics();
            List<String> names = declared.stream().map(TopicSpec::name).toList();
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS);
            for (TopicSpec spec : declared) {
                assertEquals(spec.partitions(), descriptions.get(spec.name()).partitions().size(), spec.name());
                Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                spec.configs().forEach((key, value) ->
                        assertEquals(value, actual.get(key).value(), spec.name() + " " + key));
            }
            Config profiles = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "song.profiles"));
            assertEquals("compact", profiles.get("cleanup.policy").value());
            Config features = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "audio.features"));
            assertEquals("86400000", features.get("retention.ms").value());
        }
    }

    @Test
    void registryIsHealthyAndEnforcesBackwardCompatibility() throws Exception {
        String url = TestPlatform.get().registryUrl();
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(url + "/config")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, config.statusCode());
        assertTrue(config.body().replace(" ", "").contains("\"compatibilityLevel\":\"BACKWARD\""), config.body());

        String subject = "it-" + UUID.randomUUID() + "-value";
        String v1 = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
        String v2 = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";
        String breaking = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"c\",\"type\":\"long\"}]}";
        assertEquals(200, register(url, subject, v1).statusCode());
        assertEquals(200, register(url, subject, v2).statusCode());
        HttpResponse<String> rejected = register(url, subject, breaking);
        assertEquals(409, rejected.statusCode(), rejected.body());
    }

    private HttpResponse<String> register(String url, String subject, String schema) throws Exception {
        String body = "{\"schema\":\"" + schema.replace("\"", "\\\"") + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create(url + "/subjects/" + subject + "/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestPlatform.get().bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    private static List<String> consumeAll(String topic, int expected, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestPlatform.get().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            // nothing beyond what was expected (e.g. no aborted record) turns up in a further poll
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> values.add(r.value()));
        }
        return values;
    }
}
