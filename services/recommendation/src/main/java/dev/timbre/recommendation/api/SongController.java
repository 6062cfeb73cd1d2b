package dev.timbre.recommendation.api;

import dev.timbre.platform.http.HttpErrors;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/** {@code GET /songs/{id}}: a song's profile from the global catalog store. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SongController {

    private final RecommendationQueries queries;

    public SongController(RecommendationQueries queries) {
        this.queries = queries;
    }

    @Get(uri = "/songs/{songId}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> song(@PathVariable String songId) {
        try {
            return queries.song(songId)
                    .<HttpResponse<?>>map(p -> HttpResponse.ok(SongView.of(p, queries.likes(songId))))
                    .orElseGet(() -> HttpErrors.response(HttpStatus.NOT_FOUND, "song_not_found",
                            "no profile for song " + songId + " (not classified yet?)"));
        } catch (InvalidStateStoreException e) {
            return HttpErrors.response(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "the catalog is not queryable yet (starting or rebalancing); retry");
        }
    }
}
