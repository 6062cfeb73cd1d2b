package dev.timbre.ingest.register;

import dev.timbre.blob.BlobKeys;
import dev.timbre.blob.BlobStore;
import dev.timbre.blob.BlobStoreException;
import dev.timbre.blob.BlobTooLargeException;
import dev.timbre.blob.StoredBlob;
import dev.timbre.ingest.metadata.FileTags;
import dev.timbre.ingest.metadata.ResolvedMetadata;
import dev.timbre.ingest.metadata.TagReader;
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
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers a song: checks from its first bytes that it is audio we can decode, streams it into the blob store
 * with that content type, then publishes {@code SongRegistered} and a REGISTERED status. Blobs are keyed by
 * song id ({@link BlobKeys#song}), so a failed registration can delete its blob without touching any other
 * song's audio. While the audio streams into the store, a temporary local copy is written for the {@link TagReader}
 * (title, artist, album, year, track, genre tag, duration from the file itself); it is deleted before the answer.
 * Tags never fail a registration: an unreadable tag only means the upload's fields or the file name are used.
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
    private final TagReader tags;
    private final Clock clock;

    @jakarta.inject.Inject
    public SongRegistrar(BlobStore blobs, AudioTypeDetector detector, EventPublisher publisher, SongCatalog catalog,
                         IngestPolicy policy, TagReader tags) {
        this(blobs, detector, publisher, catalog, policy, tags, Clock.systemUTC());
    }

    SongRegistrar(BlobStore blobs, AudioTypeDetector detector, EventPublisher publisher, SongCatalog catalog,
                  IngestPolicy policy, TagReader tags, Clock clock) {
        this.blobs = blobs;
        this.detector = detector;
        this.publisher = publisher;
        this.catalog = catalog;
        this.policy = policy;
        this.tags = tags;
        this.clock = clock;
    }

    /** Without a file name (the title falls back to "Untitled" when neither the upload nor the tags name one). */
    public RegisteredSong register(SongMetadata metadata, InputStream content, SongSource source) {
        return register(metadata, null, content, source);
    }

    /** @param fileName the uploaded file's name or the source's last path segment; the title's last fallback */
    public RegisteredSong register(SongMetadata metadata, String fileName, InputStream content, SongSource source) {
        String songId = metadata.songId() != null ? metadata.songId() : UUID.randomUUID().toString();
        if (catalog.contains(songId)) {
            throw new RejectedRequestException(Rejection.CONFLICT, "song '" + songId + "' is already registered");
        }
        String key = BlobKeys.song(songId);
        InputStream audio = new BufferedInputStream(content, SNIFF_LIMIT);
        String contentType = detect(audio);
        Path copy = tempCopy();
        StoredBlob blob;
        FileTags fileTags = FileTags.NONE;
        try {
            OutputStream local = open(copy);
            try {
                blob = store(key, new TeeStream(audio, local), contentType);
            } finally {
                try {
                    local.close();
                } catch (IOException e) {
                    LOG.warn("temporary copy for tag reading not closed cleanly: {}", e.toString());
                }
            }
            if (copy != null) {
                fileTags = tags.read(copy, contentType);
            }
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    LOG.warn("could not delete the temporary copy {}: {}", copy, e.toString());
                }
            }
        }
        ResolvedMetadata meta = ResolvedMetadata.resolve(metadata.title(), metadata.artist(), metadata.album(), fileTags,
                fileName);
        boolean published = false;
        try {
            Instant now = clock.instant();
            SongRegistered registered = SongRegistered.newBuilder()
                    .setSongId(songId)
                    .setTitle(meta.title())
                    .setArtist(meta.artist())
                    .setAlbum(meta.album())
                    .setYear(meta.year())
                    .setTrackNumber(meta.trackNumber())
                    .setGenreTag(meta.genreTag())
                    .setDurationMillis(meta.durationMillis())
                    .setTitleFrom(meta.titleFrom())
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
            return new RegisteredSong(songId, meta.title(), meta.artist(), meta.album(), blob.uri(),
                    contentType, blob.sizeBytes(), meta);
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

    /** A temporary file for the tag reader's copy, or null (no tags) when none can be made. */
    private static Path tempCopy() {
        try {
            return Files.createTempFile("timbre-upload-", ".audio");
        } catch (IOException e) {
            LOG.warn("no temporary file for reading tags ({}); registering without them", e.toString());
            return null;
        }
    }

    private static OutputStream open(Path copy) {
        if (copy == null) {
            return OutputStream.nullOutputStream();
        }
        try {
            return new java.io.BufferedOutputStream(Files.newOutputStream(copy), 64 * 1024);
        } catch (IOException e) {
            LOG.warn("cannot write the temporary copy for tag reading ({}); registering without tags", e.toString());
            return OutputStream.nullOutputStream();
        }
    }

    /**
     * Copies what the blob store reads to a local file. A failing copy (disk full) stops copying, not the upload: the
     * tags are then read from a truncated file, or not at all.
     */
    private static final class TeeStream extends FilterInputStream {
        private final OutputStream copy;
        private boolean copying = true;

        TeeStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b != -1) {
                copy(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                copy(b, off, n);
            }
            return n;
        }

        private void copy(byte[] b, int off, int len) {
            if (!copying) {
                return;
            }
            try {
                copy.write(b, off, len);
            } catch (IOException e) {
                copying = false;
                LOG.warn("temporary copy for tag reading failed ({}); tags may be missing", e.toString());
            }
        }

        @Override
        public boolean markSupported() {
            return false;
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
