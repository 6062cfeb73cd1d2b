package dev.timbre.ingest.publish;

import dev.timbre.platform.kafka.KafkaClients;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Ingest's producer, from the platform's {@link KafkaClients} ({@code timbre.kafka.service: ingest}). */
@Factory
public class ProducerFactory {

    /** Idempotent, acks=all (a retried send neither duplicates nor loses a record), bounded blocking so a dead broker yields a fast 503. */
    @Singleton
    @Named("ingest")
    @Bean(preDestroy = "close")
    @Requires(property = "timbre.kafka.producer.enabled", notEquals = "false")
    Producer<String, SpecificRecord> ingestProducer(KafkaClients clients) {
        return clients.avroProducer(props -> {
            props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "timbre-ingest");
            props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
            props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
            props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        });
    }
}
