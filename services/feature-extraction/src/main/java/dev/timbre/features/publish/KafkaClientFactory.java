package dev.timbre.features.publish;

import dev.timbre.platform.kafka.ClientSettings;
import dev.timbre.platform.dlq.DeadLetters;
import dev.timbre.platform.kafka.KafkaConventions;
import dev.timbre.platform.serde.SpecificAvroDeserializer;
import dev.timbre.platform.serde.SpecificAvroSerializer;
import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.song.SongRegistered;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.util.Map;

/**
 * Kafka clients of the service: one idempotent acks=all producer for features and status, the dead-letter
 * publisher, and the input's Avro reader. {@code timbre.kafka.producer.enabled=false} lets tests supply
 * their own producers.
 */
@Factory
public class KafkaClientFactory {

    @Singleton
    @Named("features")
    @Bean(preDestroy = "close")
    @Requires(property = "timbre.kafka.producer.enabled", notEquals = "false")
    Producer<String, SpecificRecord> featuresProducer(ClientSettings settings) {
        Map<String, Object> props = settings.clientProperties();
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "timbre-feature-extraction");
        props.putAll(KafkaConventions.producer(FeaturePublisher.SERVICE, settings.bootstrapServers(), settings.registryUrl()));
        props.keySet().removeAll(settings.serdeProperties().keySet());
        // a window is ~75 KB of Avro: let one song's windows share batches
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.putAll(settings.tuningOverrides());
        SpecificAvroSerializer<SpecificRecord> values = new SpecificAvroSerializer<>();
        values.configure(settings.serdeProperties(), false);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    @Singleton
    @Named("dlq")
    @Bean(preDestroy = "close")
    @Requires(property = "timbre.kafka.producer.enabled", notEquals = "false")
    Producer<byte[], DeadLetter> deadLetterProducer(ClientSettings settings) {
        Map<String, Object> props = settings.clientProperties();
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "timbre-feature-extraction-dlq");
        props.putAll(KafkaConventions.producer(FeaturePublisher.SERVICE, settings.bootstrapServers(), settings.registryUrl()));
        props.keySet().removeAll(settings.serdeProperties().keySet());
        props.putAll(settings.tuningOverrides());
        SpecificAvroSerializer<DeadLetter> values = new SpecificAvroSerializer<>();
        values.configure(settings.serdeProperties(), false);
        return new KafkaProducer<>(props, new ByteArraySerializer(), values);
    }

    /** Built on our own producer rather than DeadLetters.create, so it honours the tuning overrides too. */
    @Singleton
    @Requires(property = "timbre.kafka.producer.enabled", notEquals = "false")
    DeadLetters deadLetters(@Named("dlq") Producer<byte[], DeadLetter> producer) {
        return new DeadLetters(producer, FeaturePublisher.SERVICE, Clock.systemUTC());
    }

    @Singleton
    @Named("songs")
    Deserializer<SongRegistered> songsDeserializer(ClientSettings settings) {
        SpecificAvroDeserializer<SongRegistered> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(settings.serdeProperties(), false);
        return deserializer;
    }
}
