package dev.timbre.features.publish;

import dev.timbre.platform.kafka.Acks;
import dev.timbre.platform.kafka.KafkaKitConfig;
import dev.timbre.platform.kafka.PublishException;
import dev.timbre.schema.Topics;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import jakarta.inject.Inject;
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
import java.util.concurrent.Future;

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

    @Inject
    public FeaturePublisher(@Named("features") Producer<String, SpecificRecord> producer, KafkaKitConfig kit) {
        this(producer, kit.ackTimeout(), Clock.systemUTC());
    }

    public FeaturePublisher(Producer<String, SpecificRecord> producer, Duration ackTimeout) {
        this(producer, ackTimeout, Clock.systemUTC());
    }

    FeaturePublisher(Producer<String, SpecificRecord> producer, Duration ackTimeout, Clock clock) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
    }

    /** All windows of one song, then FEATURES with the window count. */
    public void features(String songId, List<WindowFeatures> windows) throws PublishException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(windows.size());
        for (WindowFeatures window : windows) {
            acks.add(Acks.send(producer, new ProducerRecord<>(Topics.AUDIO_FEATURES, songId, window)));
        }
        for (Future<RecordMetadata> ack : acks) {
            Acks.await(ack, Topics.AUDIO_FEATURES, ackTimeout);
        }
        status(songId, SongStage.FEATURES, windows.size() + " windows");
    }

    public void failed(String songId, String reason) throws PublishException {
        status(songId, SongStage.FAILED, reason);
    }

    private void status(String songId, SongStage stage, String detail) throws PublishException {
        SongStatus status = SongStatus.newBuilder()
                .setSongId(songId)
                .setStage(stage)
                .setDetail(detail)
                .setService(SERVICE)
                .setUpdatedAt(clock.instant())
                .build();
        Acks.sendAndAwait(producer, new ProducerRecord<>(Topics.SONG_STATUS, songId, status), ackTimeout);
    }
}
