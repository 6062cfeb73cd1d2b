package dev.timbre.features.publish;

import dev.timbre.platform.dlq.DeadLetters;
import dev.timbre.platform.kafka.KafkaClients;
import dev.timbre.schema.song.SongRegistered;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka clients of the service, all from the platform's {@link KafkaClients} ({@code timbre.kafka.service:
 * feature-extraction}): one idempotent acks=all producer for
 * features and status (512 KB batches, no linger, no compression unless configured: see README "Figures"), the dead-letter publisher, and the input's Avro reader. {@code timbre.kafka.producer.enabled=false}
 * lets tests supply their own producers.
 */
@Factory
public class KafkaClientFactory {

    @Singleton
    @Named("features")
    @Bean(preDestroy = "close")
    @Requires(property = "timbre.kafka.producer.enabled", notEquals = "false")
    Producer<String, SpecificRecord> featuresProducer(KafkaClients clients) {
        return clients.avroProducer(props -> {
            props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "timbre-feature-extraction");
            // a window is ~75 KB of Avro: let one song's windows share batches (unless the operator set batch.size)
            if (!clients.settings().tuningOverrides().containsKey(ProducerConfig.BATCH_SIZE_CONFIG)) {
                props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
            }
            // a worker waits for its song's acks before it takes the next song, so linger only idles it (twice per
            // song: windows, then status): send at once (unless the operator set linger.ms); measured in README "Figures"
            if (!clients.settings().tuningOverrides().containsKey(ProducerConfig.LINGER_MS_CONFIG)) {
                props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            }
            // float tensors do not compress with lz4 (measured compressed/raw 1.000; zstd 0.91 for 3x lz4's CPU):
            // the platform's lz4 would only cost CPU here (unless the operator set compression.type)
            if (!clients.settings().tuningOverrides().containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG)) {
                props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
            }
        });
    }

    /** The platform's dead-letter publisher, on its own producer built like the one above. */
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "timbre.kafka.producer.enabled", notEquals = "false")
    DeadLetters deadLetters(KafkaClients clients) {
        return clients.deadLetters(props -> props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "timbre-feature-extraction-dlq"));
    }

    @Singleton
    @Named("songs")
    Deserializer<SongRegistered> songsDeserializer(KafkaClients clients) {
        return clients.avroDeserializer();
    }
}
