package dev.timbre.features.publish;

import dev.timbre.schema.Topics;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes a song's windows to {@code audio.features} and its stage to {@code song.status}, waiting for the
 * broker's acknowledgement of every record before the input may be committed.
 */
@Singleton
public class FeaturePublisher {
    public static final String SERVICE = "feature-extraction";

    private final Producer<String, SpecificRecord> producer;
    private final Duration ackTimeout;
    private final Clock clock;

    public FeaturePublisher(@Named("features") Producer<String, SpecificRecord> producer,
                            @Value("${timbre.kafka.ack-timeout:60s}") Duration ackTimeout) {
        this(producer, ackTimeout, Clock.systemUTC());
    }

    FeaturePublisher(Producer<String, SpecificRecord> producer, Duration ackTimeout, Clock clock) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
    }

    /** All windows of one song, then FEATURES with the window count. */
    public void features(String songId, List<WindowFeatures> windows) throws PublishFailedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(windows.size());
        try {
            for (WindowFeatures window : windows) {
                acks.add(producer.send(new ProducerRecord<>(Topics.AUDIO_FEATURES, songId, window)));
            }
        } catch (RuntimeException e) {
            throw new PublishFailedException("could not send features of " + songId + ": " + e.getMessage(), e);
        }
        for (Future<RecordMetadata> ack : acks) {
            await(ack, Topics.AUDIO_FEATURES);
        }
        status(songId, SongStage.FEATURES, windows.size() + " windows");
    }

    public void failed(String songId, String reason) throws PublishFailedException {
        status(songId, SongStage.FAILED, reason);
    }

    private void status(String songId, SongStage stage, String detail) throws PublishFailedException {
        SongStatus status = SongStatus.newBuilder()
                .setSongId(songId)
                .setStage(stage)
                .setDetail(detail)
                .setService(SERVICE)
                .setUpdatedAt(clock.instant())
                .build();
        try {
            await(producer.send(new ProducerRecord<>(Topics.SONG_STATUS, songId, status)), Topics.SONG_STATUS);
        } catch (RuntimeException e) {
            throw new PublishFailedException("could not send status of " + songId + ": " + e.getMessage(), e);
        }
    }

    private void await(Future<RecordMetadata> ack, String topic) throws PublishFailedException {
        try {
            ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for " + topic, e);
        } catch (ExecutionException e) {
            throw new PublishFailedException("Kafka rejected a record for " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("no acknowledgement from Kafka for " + topic + " within " + ackTimeout, e);
        }
    }
}
