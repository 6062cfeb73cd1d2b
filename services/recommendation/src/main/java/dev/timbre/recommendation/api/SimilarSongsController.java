package dev.timbre.recommendation.api;

import dev.timbre.platform.http.HttpErrors;
import dev.timbre.recommendation.catalog.Catalog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /songs/{id}/similar?limit=N}: "more like this" from the in-memory catalog and its candidate index
 * (every instance holds all songs, so no forwarding). 404 JSON for a song without a profile, 400 for a bad limit.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SimilarSongsController {
    private final SimilarSongs similar;

    public SimilarSongsController(Catalog catalog) {
        this.similar = new SimilarSongs(catalog);
    }

    @Get(uri = "/songs/{songId}/similar", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> similar(@PathVariable String songId, @Nullable @QueryValue("limit") String limit) {
        int n;
        try {
            n = limit == null || limit.isBlank() ? SimilarSongs.DEFAULT_LIMIT : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > SimilarSongs.MAX_LIMIT) {
            return HttpErrors.response(HttpStatus.BAD_REQUEST, "invalid",
                    "limit must be a whole number from 1 to " + SimilarSongs.MAX_LIMIT);
        }
        return similar.similar(songId, n)
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> HttpErrors.response(HttpStatus.NOT_FOUND, "song_not_found",
                        "no profile for song " + songId + " (unknown, or not classified yet)"));
    }
}
