package dev.timbre.ingest.publish;

import dev.timbre.platform.kafka.Acks;
import dev.timbre.platform.kafka.KafkaKitConfig;
import dev.timbre.platform.kafka.PublishException;
import dev.timbre.schema.Topics;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongStatus;
import dev.timbre.schema.user.UserEvent;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;

/**
 * Publishes ingest's records and waits for the broker's acknowledgement (acks=all, idempotent producer),
 * so an HTTP 2xx means the record is durably in Kafka. Any failure surfaces as {@link PublishException}.
 */
@Singleton
public class EventPublisher {
    public static final String SERVICE = "ingest";

    private final Producer<String, SpecificRecord> producer;
    private final Duration ackTimeout;

    public EventPublisher(@Named("ingest") Producer<String, SpecificRecord> producer, KafkaKitConfig kit) {
        this.producer = producer;
        this.ackTimeout = kit.ackTimeout();
    }

    public RecordMetadata songRegistered(SongRegistered song) {
        return send(Topics.SONGS_REGISTERED, song.getSongId(), song);
    }

    public RecordMetadata songStatus(SongStatus status) {
        return send(Topics.SONG_STATUS, status.getSongId(), status);
    }

    public RecordMetadata userEvent(UserEvent event) {
        return send(Topics.USER_EVENTS, event.getUserId(), event);
    }

    private RecordMetadata send(String topic, String key, SpecificRecord value) {
        return Acks.sendAndAwait(producer, new ProducerRecord<>(topic, key, value), ackTimeout);
    }
}
