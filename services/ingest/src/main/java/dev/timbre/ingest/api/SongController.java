package dev.timbre.ingest.api;

import dev.timbre.ingest.register.Rejection;
import dev.timbre.ingest.register.RejectedRequestException;
import dev.timbre.ingest.register.SongMetadata;
import dev.timbre.ingest.register.SongRegistrar;
import dev.timbre.ingest.register.SourceFetcher;
import dev.timbre.ingest.security.Roles;
import dev.timbre.ingest.status.SongCatalog;
import dev.timbre.schema.song.SongSource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Song registration (admins), status and catalog (any authenticated caller). */
@Controller("/songs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SongController {
    private final SongRegistrar registrar;
    private final SourceFetcher sources;
    private final SongCatalog catalog;

    private final RecommendationClient recommendations;

    public SongController(SongRegistrar registrar, SourceFetcher sources, SongCatalog catalog,
                          RecommendationClient recommendations) {
        this.registrar = registrar;
        this.sources = sources;
        this.catalog = catalog;
        this.recommendations = recommendations;
    }

    /**
     * "More like this", proxied to the recommendation service (nearest songs by the model's embedding, same genre
     * first, score and reason each). Any key may ask; a song this edge never registered is a 404 here.
     */
    @Get(value = "/{songId}/similar", produces = MediaType.APPLICATION_JSON)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> similar(@PathVariable String songId, @Nullable @io.micronaut.http.annotation.QueryValue("limit") String limit) {
        if (catalog.isReady() && !catalog.contains(songId)) {
            return ErrorHandlers.error(HttpStatus.NOT_FOUND, "unknown_song", "no song with id '" + songId + "'");
        }
        return recommendations.similar(songId, limit);
    }

    /**
     * Multipart upload: a {@code file} part plus optional {@code title}, {@code artist}, {@code album}, {@code songId}.
     * Fields given override the file's tags; the file name is the title's last fallback.
     */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.ADMIN)
    public HttpResponse<SongRegistrationResponse> upload(@Nullable @Part("file") CompletedFileUpload file,
                                                         @Nullable @Part("title") String title,
                                                         @Nullable @Part("artist") String artist,
                                                         @Nullable @Part("album") String album,
                                                         @Nullable @Part("songId") String songId) throws IOException {
        SongMetadata metadata = SongMetadata.validated(songId, title, artist, album);
        if (file == null) {
            throw new RejectedRequestException(Rejection.INVALID, "the multipart part 'file' with the audio is required");
        }
        try (InputStream in = file.getInputStream()) {
            return accepted(registrar.register(metadata, file.getFilename(), in, SongSource.UPLOAD));
        }
    }

    /** JSON registration of audio the platform reads itself ({@code file:///} inside allowed roots, or {@code https://}). */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(Roles.ADMIN)
    public HttpResponse<SongRegistrationResponse> register(@Body RegisterSongRequest request) throws IOException {
        SongMetadata metadata = SongMetadata.validated(request.songId(), request.title(), request.artist(), request.album());
        try (InputStream in = sources.open(request.source())) {
            return accepted(registrar.register(metadata, lastSegment(request.source()), in, SongSource.REFERENCE));
        }
    }

    @Get("/{songId}/status")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<?> status(@PathVariable String songId) {
        return catalog.find(songId)
                .filter(e -> e.hasStage())
                .<HttpResponse<?>>map(e -> HttpResponse.ok(SongView.of(e)))
                .orElseGet(() -> ErrorHandlers.error(HttpStatus.NOT_FOUND, "unknown_song", "no song with id '" + songId + "'"));
    }

    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public List<SongView> list() {
        return catalog.list().stream().map(SongView::of).toList();
    }

    /** The file name in a source URI ({@code file:///music/So_What.flac} → {@code So_What.flac}), or null. */
    static String lastSegment(String source) {
        try {
            String path = java.net.URI.create(source).getPath();
            return path == null || path.isEmpty() ? null : path.substring(path.lastIndexOf('/') + 1);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static HttpResponse<SongRegistrationResponse> accepted(dev.timbre.ingest.register.RegisteredSong song) {
        return HttpResponse.accepted().body(SongRegistrationResponse.of(song));
    }
}
