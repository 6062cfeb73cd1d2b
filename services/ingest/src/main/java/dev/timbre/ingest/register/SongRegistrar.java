package dev.timbre.ingest.register;

import dev.timbre.blob.BlobKeys;
import dev.timbre.blob.BlobStore;
import dev.timbre.blob.BlobStoreException;
import dev.timbre.blob.BlobTooLargeException;
import dev.timbre.blob.StoredBlob;
import dev.timbre.ingest.publish.EventPublisher;
import dev.timbre.platform.kafka.PublishException;
import dev.timbre.ingest.status.SongCatalog;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongSource;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers a song: checks from its first bytes that it is audio we can decode, streams it into the blob store
 * with that content type, then publishes {@code SongRegistered} and a REGISTERED status. Blobs are keyed by
 * song id ({@link BlobKeys#song}), so a failed registration can delete its blob without touching any other
 * song's audio.
 */
@Singleton
public class SongRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(SongRegistrar.class);
    /** Bytes the format sniffer may look at (it needs far fewer); kept in memory to rewind before the upload. */
    static final int SNIFF_LIMIT = 64 * 1024;

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
        String key = BlobKeys.song(songId);
        InputStream audio = new BufferedInputStream(content, SNIFF_LIMIT);
        String contentType = detect(audio);
        StoredBlob blob = store(key, audio, contentType);
        boolean published = false;
        try {
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

    private StoredBlob store(String key, InputStream content, String contentType) {
        try {
            return blobs.put(key, content, policy.maxUploadBytes(), contentType);
        } catch (BlobTooLargeException e) {
            throw new RejectedRequestException(Rejection.TOO_LARGE,
                    "the audio exceeds the upload limit of " + e.limitBytes() + " bytes", e);
        } catch (BlobStoreException e) {
            LOG.error("blob store {} refused the audio for {}: {}", blobs.describe(), key, e.getMessage());
            throw new RejectedRequestException(Rejection.STORE_UNAVAILABLE,
                    "the audio could not be stored right now; retry later (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "could not read the audio: " + e.getMessage(), e);
        }
    }

    /**
     * Sniffs the format from the first bytes, before anything is stored (so non-audio never reaches the store and
     * the store gets the content type), then rewinds: the same stream is then uploaded whole.
     */
    private String detect(InputStream audio) {
        try {
            audio.mark(SNIFF_LIMIT);
            if (audio.read() == -1) {
                throw new RejectedRequestException(Rejection.INVALID, "the audio file is empty");
            }
            audio.reset();
            Optional<String> type = detector.detect(new BoundedView(audio, SNIFF_LIMIT));
            audio.reset();
            return type.orElseThrow(() -> new RejectedRequestException(Rejection.UNSUPPORTED_MEDIA,
                    "the content is not audio in a supported format (WAV, AIFF, AU, MP3, FLAC, OGG)"));
        } catch (IOException e) {
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "could not read the audio: " + e.getMessage(), e);
        }
    }

    /** The first {@code limit} bytes of a marked stream, which the detector may read and even close. */
    private static final class BoundedView extends FilterInputStream {
        private int left;

        BoundedView(InputStream in, int limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b != -1) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the registrar still uploads the stream
        }

        @Override
        public boolean markSupported() {
            return false;
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
