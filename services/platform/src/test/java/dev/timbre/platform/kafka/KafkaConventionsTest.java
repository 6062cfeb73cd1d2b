package dev.timbre.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.timbre.platform.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaConventionsTest {

    @Test
    void producersAreIdempotentWithAllAcks() {
        ProducerConfig config = new ProducerConfig(KafkaConventions.producer("ingest", "localhost:9092", "mock://p"));
        assertEquals(true, config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("-1", config.getString(ProducerConfig.ACKS_CONFIG), "acks=all");
        assertEquals(20L, config.getLong(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("lz4", config.getString(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals("mock://p", config.originals().get("schema.registry.url"));
    }

    @Test
    void consumersReadCommittedInTheirTimbreGroup() {
        Map<String, Object> props = KafkaConventions.consumer("classification", "localhost:9092", "mock://c", true);
        ConsumerConfig config = new ConsumerConfig(props);
        assertEquals("timbre.classification", config.getString(ConsumerConfig.GROUP_ID_CONFIG));
        assertEquals("read_committed", config.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
        assertEquals(false, config.getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        assertEquals(true, new ConsumerConfig(KafkaConventions.consumer("x", "b:1", "mock://c", false))
                .getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
    }

    @Test
    void streamsAreExactlyOnceWithDeadLetterHandlers() {
        StreamsConfig config = new StreamsConfig(KafkaConventions.streams("recommendation", "localhost:9092", "mock://s", 3));
        assertEquals("timbre.recommendation", config.getString(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(3, config.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertEquals(SpecificAvroSerde.class, config.defaultValueSerde().getClass());
        assertEquals(Serdes.StringSerde.class, config.defaultKeySerde().getClass());
        assertEquals("dev.timbre.platform.dlq.DeadLetterDeserializationHandler",
                config.getClass(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG).getName());
        assertEquals("dev.timbre.platform.dlq.DeadLetterProductionHandler",
                config.getClass(StreamsConfig.DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG).getName());
        assertEquals("dev.timbre.platform.dlq.DeadLetterProcessingHandler",
                config.getClass(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG).getName());
        assertEquals("recommendation", config.originals().get(KafkaConventions.SERVICE_CONFIG));
        assertThrows(IllegalArgumentException.class, () -> KafkaConventions.streams("r", "b:1", "mock://s", 0));
    }

    @Test
    void namesAreChecked() {
        assertEquals("timbre.ingest", KafkaConventions.groupId("ingest"));
        assertThrows(IllegalArgumentException.class, () -> KafkaConventions.groupId("has space"));
        assertThrows(IllegalArgumentException.class, () -> KafkaConventions.producer("x", " ", null));
    }
}
