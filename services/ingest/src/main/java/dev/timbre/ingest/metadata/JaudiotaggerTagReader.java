package dev.timbre.ingest.metadata;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.audio.mp3.MP3File;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.reference.GenreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

/**
 * {@link TagReader} on jaudiotagger 3 (ID3v1/v2.2-2.4, Vorbis comments in Ogg and FLAC, WAV LIST/INFO and ID3
 * chunks, AIFF). The parser is picked by the sniffed content type, not the file name. Each read runs on its own
 * thread with a time limit, and anything it throws (damaged frames, hostile sizes, even a StackOverflowError) gives
 * no tags: the upload never fails because of its tags. For MP3, fields missing from the ID3v2 tag are taken from
 * the ID3v1 tag when there is one.
 */
@Singleton
public class JaudiotaggerTagReader implements TagReader {
    private static final Logger LOG = LoggerFactory.getLogger(JaudiotaggerTagReader.class);
    /** jaudiotagger logs every oddity of every file through java.util.logging; held so the level sticks. */
    private static final java.util.logging.Logger JAUDIOTAGGER_LOG = java.util.logging.Logger.getLogger("org.jaudiotagger");
    private static final Map<String, String> EXTENSIONS = Map.of(
            "audio/mpeg", "mp3", "audio/flac", "flac", "audio/ogg", "ogg", "audio/wav", "wav", "audio/aiff", "aif");

    static {
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
    }

    private final Duration timeout;
    private final ExecutorService threads;

    public JaudiotaggerTagReader() {
        this(Duration.ofSeconds(10));
    }

    JaudiotaggerTagReader(Duration timeout) {
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tag-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public FileTags read(Path file, String contentType) {
        String extension = EXTENSIONS.get(contentType);
        if (extension == null) {
            return FileTags.NONE; // e.g. audio/basic (AU): no tag format
        }
        Future<FileTags> reading = threads.submit(() -> parse(file, extension));
        try {
            return reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reading.cancel(true);
            LOG.warn("tags of {} not read within {}: ignored", file.getFileName(), timeout);
        } catch (InterruptedException e) {
            reading.cancel(true);
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.info("tags of a {} upload ignored: {}", contentType, String.valueOf(e.getCause()));
        }
        return FileTags.NONE;
    }

    /**
     * One parse at a time: a parser holds at most one file's tags in memory (an ID3v2 tag or a FLAC block can be as
     * large as the upload), so parallel uploads cannot multiply that.
     */
    private static final java.util.concurrent.Semaphore PARSING = new java.util.concurrent.Semaphore(1);

    private static FileTags parse(Path file, String extension) throws InterruptedException {
        PARSING.acquire();
        Path trimmed = null;
        try {
            Path readable = file;
            if (extension.equals("wav") || extension.equals("aif")) {
                long extent = RiffExtent.of(file);
                if (extent < java.nio.file.Files.size(file)) {
                    trimmed = java.nio.file.Files.createTempFile("timbre-tags-", "." + extension);
                    try (var in = java.nio.channels.FileChannel.open(file);
                         var out = java.nio.channels.FileChannel.open(trimmed, java.nio.file.StandardOpenOption.WRITE)) {
                        long done = 0;
                        while (done < extent) {
                            done += in.transferTo(done, extent - done, out);
                        }
                    }
                    readable = trimmed;
                }
            }
            return parseWhole(readable, extension);
        } catch (java.io.IOException e) {
            LOG.info("no readable tags in a .{} upload: {}", extension, e.toString());
            return FileTags.NONE;
        } finally {
            PARSING.release();
            if (trimmed != null) {
                try {
                    java.nio.file.Files.deleteIfExists(trimmed);
                } catch (java.io.IOException ignored) {
                    // a temp file left in /tmp
                }
            }
        }
    }

    private static FileTags parseWhole(Path file, String extension) {
        AudioFile audio;
        try {
            audio = AudioFileIO.readAs(file.toFile(), extension);
        } catch (Exception | StackOverflowError e) {
            LOG.info("no readable tags in a .{} upload: {}", extension, e.toString());
            return FileTags.NONE;
        }
        Tag tag = safe(audio::getTag);
        Tag fallback = audio instanceof MP3File mp3 && mp3.hasID3v1Tag() ? safe(mp3::getID3v1Tag) : null;
        Long duration = null;
        AudioHeader header = safe(audio::getAudioHeader);
        if (header != null) {
            Double seconds = safe(header::getPreciseTrackLength);
            if (seconds != null && seconds > 0 && seconds < 48 * 3600) {
                duration = Math.round(seconds * 1000);
            }
        }
        return new FileTags(
                TagText.clean(field(tag, fallback, FieldKey.TITLE)),
                TagText.clean(field(tag, fallback, FieldKey.ARTIST)) != null
                        ? TagText.clean(field(tag, fallback, FieldKey.ARTIST))
                        : TagText.clean(field(tag, fallback, FieldKey.ALBUM_ARTIST)),
                TagText.clean(field(tag, fallback, FieldKey.ALBUM)),
                TagText.year(field(tag, fallback, FieldKey.YEAR)),
                TagText.trackNumber(field(tag, fallback, FieldKey.TRACK)),
                TagText.genre(field(tag, fallback, FieldKey.GENRE), JaudiotaggerTagReader::genreName),
                duration);
    }

    private static String field(Tag tag, Tag fallback, FieldKey key) {
        String value = first(tag, key);
        return value != null ? value : first(fallback, key);
    }

    private static String first(Tag tag, FieldKey key) {
        if (tag == null) {
            return null;
        }
        String value = safe(() -> tag.getFirst(key));
        return value == null || value.isBlank() ? null : value;
    }

    private static String genreName(int id) {
        return id <= GenreTypes.getMaxGenreId() ? GenreTypes.getInstanceOf().getValueForId(id) : null;
    }

    private static <T> T safe(java.util.concurrent.Callable<T> read) {
        try {
            return read.call();
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }
}
