package dev.timbre.ingest.publish;

import dev.timbre.platform.kafka.ClientSettings;
import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;

/** The one producer ingest uses: idempotent, acks=all, bounded blocking so a dead broker yields a fast 503. */
@Factory
@Requires(property = "timbre.kafka.producer.enabled", notEquals = "false")
public class ProducerFactory {

    @Singleton
    @Named("ingest")
    @Bean(preDestroy = "close")
    Producer<String, SpecificRecord> ingestProducer(ClientSettings settings) {
        Map<String, Object> props = settings.clientProperties();
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "timbre-ingest");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        // idempotent, acks=all: a retried send neither duplicates nor loses a record
        props.putAll(KafkaConventions.producer(EventPublisher.SERVICE, settings.bootstrapServers(), settings.registryUrl()));
        props.keySet().removeAll(settings.serdeProperties().keySet());
        props.putAll(settings.tuningOverrides());
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(settings.serdeProperties(), false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }
}
