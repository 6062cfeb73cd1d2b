package dev.timbre.ingest.web;

import dev.timbre.audio.AudioException;
import dev.timbre.blob.BlobReader;
import dev.timbre.blob.BlobStoreException;
import dev.timbre.blob.BlobUnavailableException;
import dev.timbre.blob.FetchedBlob;
import dev.timbre.ingest.status.SongCatalog;
import dev.timbre.ingest.status.SongEntry;
import dev.timbre.platform.http.HttpErrors;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /songs/{id}/spectrogram.png}: the song's mel spectrogram ({@link SpectrogramRenderer}), computed by
 * ingest from the stored audio with timbre-audio (the features themselves travel only to classification and are not
 * kept), then cached: the 64 most recent images stay in memory (about 100 KB each); at most two are computed at once. Any API key (or a
 * media token); 404 JSON for an unknown song, 422 when the audio cannot be decoded.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class SpectrogramController {
    private static final Logger LOG = LoggerFactory.getLogger(SpectrogramController.class);
    static final int CACHED = 64;

    private final SongCatalog catalog;
    private final BlobReader blobs;
    private final SpectrogramRenderer renderer = new SpectrogramRenderer();
    private final Semaphore rendering = new Semaphore(2);
    private final Map<String, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED;
        }
    };

    public SpectrogramController(SongCatalog catalog, BlobReader blobs) {
        this.catalog = catalog;
        this.blobs = blobs;
    }

    @Get("/songs/{songId}/spectrogram.png")
    public HttpResponse<?> spectrogram(@PathVariable String songId) throws InterruptedException {
        Optional<SongEntry> song = catalog.find(songId).filter(e -> e.audioUri() != null);
        if (song.isEmpty()) {
            return HttpErrors.response(HttpStatus.NOT_FOUND, "unknown_song", "no audio for song '" + songId + "'");
        }
        String key = songId + "\u0000" + song.get().audioUri();
        byte[] png;
        synchronized (cache) {
            png = cache.get(key);
        }
        if (png == null) {
            rendering.acquire();
            try (FetchedBlob blob = blobs.fetch(song.get().audioUri())) {
                png = renderer.render(blob.path());
            } catch (BlobUnavailableException e) {
                return HttpErrors.response(HttpStatus.NOT_FOUND, "audio_unavailable", "the audio of song '" + songId + "' is gone");
            } catch (BlobStoreException e) {
                return HttpErrors.response(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable", "the audio store cannot be reached; retry later");
            } catch (AudioException e) {
                LOG.info("no spectrogram for {}: {}", songId, e.getMessage());
                return HttpErrors.response(HttpStatus.UNPROCESSABLE_ENTITY, "undecodable",
                        "the audio of song '" + songId + "' cannot be decoded (" + e.reason() + ")");
            } catch (java.io.UncheckedIOException e) {
                return HttpErrors.response(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable", "the audio could not be read; retry later");
            } finally {
                rendering.release();
            }
            synchronized (cache) {
                cache.put(key, png);
            }
        }
        return HttpResponse.ok(png).contentType(MediaType.IMAGE_PNG_TYPE).header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
    }
}
