package dev.timbre.ingest.web;

import dev.timbre.blob.BlobReader;
import dev.timbre.blob.BlobStoreException;
import dev.timbre.blob.BlobUnavailableException;
import dev.timbre.blob.FetchedBlob;
import dev.timbre.platform.http.HttpErrors;
import dev.timbre.ingest.status.SongCatalog;
import dev.timbre.ingest.status.SongEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Optional;

/**
 * {@code GET /songs/{id}/audio}: a song's audio from the blob store, for the page's {@code <audio>} element, with
 * HTTP Range support (206 + {@code Content-Range}; 416 for a range beyond the end; {@code Accept-Ranges: bytes}).
 * Any API key may listen (header, or a {@code MediaTokens} {@code access_token} for the page); no key → 401.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class AudioController {
    private static final Logger LOG = LoggerFactory.getLogger(AudioController.class);

    private final SongCatalog catalog;
    private final BlobReader blobs;

    public AudioController(SongCatalog catalog, BlobReader blobs) {
        this.catalog = catalog;
        this.blobs = blobs;
    }

    @Get("/songs/{songId}/audio")
    public HttpResponse<?> audio(@PathVariable String songId, @Nullable @Header(HttpHeaders.RANGE) String range) {
        Optional<SongEntry> song = catalog.find(songId).filter(e -> e.audioUri() != null);
        if (song.isEmpty()) {
            return HttpErrors.response(HttpStatus.NOT_FOUND, "unknown_song", "no audio for song '" + songId + "'");
        }
        FetchedBlob blob;
        try {
            blob = blobs.fetch(song.get().audioUri());
        } catch (BlobUnavailableException e) {
            LOG.warn("audio of {} unavailable: {}", songId, e.getMessage());
            return HttpErrors.response(HttpStatus.NOT_FOUND, "audio_unavailable", "the audio of song '" + songId + "' is gone");
        } catch (BlobStoreException e) {
            LOG.warn("blob store unavailable for {}: {}", songId, e.getMessage());
            return HttpErrors.response(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable", "the audio store cannot be reached; retry later");
        }
        boolean handedOver = false;
        try {
            long total = Files.size(blob.path());
            MediaType type = MediaType.of(song.get().contentType() == null ? "application/octet-stream" : song.get().contentType());
            Optional<ByteRange> wanted;
            try {
                wanted = ByteRange.parse(range, total);
            } catch (ByteRange.Unsatisfiable e) {
                return HttpErrors.response(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range_not_satisfiable", e.getMessage())
                        .header(HttpHeaders.CONTENT_RANGE, "bytes */" + total)
                        .header(HttpHeaders.ACCEPT_RANGES, "bytes");
            }
            long start = wanted.map(ByteRange::start).orElse(0L);
            long length = wanted.map(ByteRange::length).orElse(total);
            InputStream in = Files.newInputStream(blob.path());
            in.skipNBytes(start);
            InputStream body = new Bounded(in, length, blob);
            handedOver = true;
            var response = HttpResponse.status(wanted.isPresent() ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK)
                    .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                    .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
            wanted.ifPresent(r -> response.header(HttpHeaders.CONTENT_RANGE, r.contentRange(total)));
            return response.body(new StreamedFile(body, type, 0, length));
        } catch (IOException e) {
            LOG.warn("reading the audio of {} failed: {}", songId, e.toString());
            return HttpErrors.response(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable", "the audio could not be read; retry later");
        } finally {
            if (!handedOver) {
                blob.close();
            }
        }
    }

    /** At most {@code left} bytes; closing it closes the file and deletes a temporary download. */
    private static final class Bounded extends FilterInputStream {
        private long left;
        private final FetchedBlob blob;

        Bounded(InputStream in, long left, FetchedBlob blob) {
            super(in);
            this.left = left;
            this.blob = blob;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                blob.close();
            }
        }
    }
}
