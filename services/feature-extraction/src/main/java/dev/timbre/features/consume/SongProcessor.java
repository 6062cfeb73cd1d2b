package dev.timbre.features.consume;

import dev.timbre.audio.AudioException;
import dev.timbre.blob.BlobReader;
import dev.timbre.blob.BlobStoreException;
import dev.timbre.blob.BlobUnavailableException;
import dev.timbre.blob.FetchedBlob;
import dev.timbre.features.extract.FeatureExtractor;
import dev.timbre.features.publish.DeadLetterPublisher;
import dev.timbre.features.publish.FeaturePublisher;
import dev.timbre.platform.kafka.PublishException;
import dev.timbre.schema.features.WindowFeatures;
import dev.timbre.schema.song.SongRegistered;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Handles one {@code songs.registered} record end to end. A song that cannot be analysed (undecodable
 * record, missing blob, corrupt/unsupported/too-short audio, even a decoder bug) is dead-lettered with the
 * reason and reported FAILED. Two failures are not the song's fault and escape, so that the record is retried
 * rather than committed: an output Kafka did not acknowledge ({@link PublishException}) and a blob store that
 * cannot be used right now ({@link BlobStoreException}: S3 down, credentials refused), so an outage or a bad
 * Secret never dead-letters the backlog.
 */
@Singleton
public class SongProcessor implements RecordHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SongProcessor.class);

    private final Deserializer<SongRegistered> deserializer;
    private final BlobReader blobs;
    private final FeatureExtractor extractor;
    private final FeaturePublisher publisher;
    private final DeadLetterPublisher deadLetters;

    public SongProcessor(@Named("songs") Deserializer<SongRegistered> deserializer, BlobReader blobs,
                         FeatureExtractor extractor, FeaturePublisher publisher, DeadLetterPublisher deadLetters) {
        this.deserializer = deserializer;
        this.blobs = blobs;
        this.extractor = extractor;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
    }

    @Override
    public void process(ConsumerRecord<String, byte[]> record) throws PublishException, BlobStoreException {
        SongRegistered song;
        try {
            song = record.value() == null ? null : deserializer.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            reject(record, record.key(), "undecodable SongRegistered record: " + e.getMessage(), e);
            return;
        }
        if (song == null) {
            reject(record, record.key(), "empty SongRegistered record", null);
            return;
        }
        String songId = song.getSongId();
        long started = System.nanoTime();
        List<WindowFeatures> windows;
        try (FetchedBlob audio = blobs.fetch(song.getAudioUri())) {
            windows = extractor.extract(songId, audio.path());
        } catch (BlobStoreException e) {
            LOG.warn("song {}: blob store unavailable, will retry: {}", songId, e.getMessage());
            throw e;
        } catch (BlobUnavailableException e) {
            reject(record, songId, e.getMessage(), e);
            return;
        } catch (AudioException e) {
            reject(record, songId, e.getMessage(), e);
            return;
        } catch (UncheckedIOException e) {
            reject(record, songId, "audio could not be read: " + e.getCause().getMessage(), e);
            return;
        } catch (RuntimeException e) {
            // A decoder bug on odd input must not take the service down or block the partition.
            LOG.error("unexpected failure analysing song {}", songId, e);
            reject(record, songId, "analysis failed unexpectedly: " + e, e);
            return;
        }
        publisher.features(songId, windows);
        LOG.info("song {}: {} windows in {} ms", songId, windows.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private void reject(ConsumerRecord<String, byte[]> record, String songId, String reason, Throwable error)
            throws PublishException {
        LOG.warn("song {} ({}-{}@{}) rejected: {}", songId, record.topic(), record.partition(), record.offset(), reason);
        deadLetters.send(record, reason, error);
        if (songId != null && !songId.isBlank()) {
            publisher.failed(songId, reason);
        }
    }
}
