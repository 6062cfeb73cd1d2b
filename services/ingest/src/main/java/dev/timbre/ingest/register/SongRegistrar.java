package dev.timbre.ingest.register;

import dev.timbre.ingest.blob.BlobStore;
import dev.timbre.ingest.blob.BlobTooLargeException;
import dev.timbre.ingest.blob.StoredBlob;
import dev.timbre.ingest.publish.EventPublisher;
import dev.timbre.ingest.publish.PublishException;
import dev.timbre.ingest.status.SongCatalog;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongSource;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers a song: stores the audio, checks from its bytes that it is audio we can decode, then publishes
 * {@code SongRegistered} and a REGISTERED status. Blobs are keyed by song id, so a failed registration can
 * delete its blob without touching any other song's audio.
 */
@Singleton
public class SongRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(SongRegistrar.class);

    private final BlobStore blobs;
    private final AudioTypeDetector detector;
    private final EventPublisher publisher;
    private final SongCatalog catalog;
    private final IngestPolicy policy;
    private final Clock clock;

    public SongRegistrar(BlobStore blobs, AudioTypeDetector detector, EventPublisher publisher, SongCatalog catalog,
                         IngestPolicy policy) {
        this(blobs, detector, publisher, catalog, policy, Clock.systemUTC());
    }

    SongRegistrar(BlobStore blobs, AudioTypeDetector detector, EventPublisher publisher, SongCatalog catalog,
                  IngestPolicy policy, Clock clock) {
        this.blobs = blobs;
        this.detector = detector;
        this.publisher = publisher;
        this.catalog = catalog;
        this.policy = policy;
        this.clock = clock;
    }

    public RegisteredSong register(SongMetadata metadata, InputStream content, SongSource source) {
        String songId = metadata.songId() != null ? metadata.songId() : UUID.randomUUID().toString();
        if (catalog.contains(songId)) {
            throw new RejectedRequestException(Rejection.CONFLICT, "song '" + songId + "' is already registered");
        }
        String key = blobKey(songId);
        StoredBlob blob = store(key, content);
        boolean published = false;
        try {
            if (blob.sizeBytes() == 0) {
                throw new RejectedRequestException(Rejection.INVALID, "the audio file is empty");
            }
            String contentType = detect(key);
            Instant now = clock.instant();
            SongRegistered registered = SongRegistered.newBuilder()
                    .setSongId(songId)
                    .setTitle(metadata.title())
                    .setArtist(metadata.artist())
                    .setAlbum(metadata.album())
                    .setAudioUri(blob.uri().toString())
                    .setContentType(contentType)
                    .setSizeBytes(blob.sizeBytes())
                    .setReceivedAt(now)
                    .setSource(source)
                    .build();
            SongStatus status = SongStatus.newBuilder()
                    .setSongId(songId)
                    .setStage(SongStage.REGISTERED)
                    .setDetail(contentType + ", " + blob.sizeBytes() + " bytes")
                    .setService(EventPublisher.SERVICE)
                    .setUpdatedAt(now)
                    .build();
            publisher.songRegistered(registered);
            published = true;
            publishStatus(status);
            catalog.onOwnRegistration(registered, status);
            LOG.info("registered song {} ({}, {} bytes) at {}", songId, contentType, blob.sizeBytes(), blob.uri());
            return new RegisteredSong(songId, metadata.title(), metadata.artist(), metadata.album(), blob.uri(),
                    contentType, blob.sizeBytes());
        } finally {
            if (!published) {
                deleteQuietly(key);
            }
        }
    }

    /** Two-level fan-out keeps directories small on a local or shared filesystem. */
    static String blobKey(String songId) {
        String prefix = (songId + "__").substring(0, 2).toLowerCase(java.util.Locale.ROOT);
        return "songs/" + prefix.replaceAll("[^a-z0-9]", "_") + "/" + songId;
    }

    private StoredBlob store(String key, InputStream content) {
        try {
            return blobs.put(key, content, policy.maxUploadBytes());
        } catch (BlobTooLargeException e) {
            throw new RejectedRequestException(Rejection.TOO_LARGE,
                    "the audio exceeds the upload limit of " + e.limitBytes() + " bytes", e);
        } catch (IOException e) {
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "could not read the audio: " + e.getMessage(), e);
        }
    }

    private String detect(String key) {
        try (InputStream in = blobs.open(key).orElseThrow(() -> new IOException("blob vanished: " + key))) {
            Optional<String> type = detector.detect(in);
            return type.orElseThrow(() -> new RejectedRequestException(Rejection.UNSUPPORTED_MEDIA,
                    "the content is not audio in a supported format (WAV, AIFF, AU, MP3, FLAC, OGG)"));
        } catch (IOException e) {
            throw new IllegalStateException("could not re-read the stored audio", e);
        }
    }

    /**
     * SongRegistered is already durable at this point and the song flows through the pipeline (later stages
     * report their own status; this instance shows REGISTERED from its own view). Answering with an error
     * would only make the client upload the song a second time, so the failure is logged, not thrown.
     */
    private void publishStatus(SongStatus status) {
        try {
            publisher.songStatus(status);
        } catch (PublishException e) {
            LOG.error("song {} registered but its REGISTERED status could not be published", status.getSongId(), e);
        }
    }

    private void deleteQuietly(String key) {
        try {
            blobs.delete(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete blob {} of a failed registration: {}", key, e.toString());
        }
    }
}
