package dev.timbre.recommendation.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code GET /users/{id}/recommendations}, answered by any instance: the owner of the user's
 * partition answers from its store; any other instance forwards the call to the owner's
 * {@code application.server} and relays the answer.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecommendationController {

    /** Marks a forwarded call, so that an instance that lost ownership meanwhile does not forward again. */
    static final String FORWARDED = "X-Timbre-Forwarded";

    private final RecommendationQueries queries;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public RecommendationController(RecommendationQueries queries) {
        this.queries = queries;
    }

    @Get(uri = "/users/{userId}/recommendations", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> recommendations(@PathVariable String userId, @Nullable @Header(FORWARDED) String forwarded) {
        RecommendationQueries.Location where = queries.locate(userId);
        try {
            if (where instanceof RecommendationQueries.Location.Remote remote && forwarded == null) {
                return forward(remote.host(), userId);
            }
            if (where instanceof RecommendationQueries.Location.Unavailable u) {
                return unavailable(u.why());
            }
            return HttpResponse.ok(RecommendationView.of(queries.localList(userId), queries.self()));
        } catch (InvalidStateStoreException e) {
            return unavailable("store not queryable yet: " + e.getMessage());
        }
    }

    private HttpResponse<?> forward(HostInfo owner, String userId) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/users/"
                + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20") + "/recommendations");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header(FORWARDED, String.valueOf(queries.self())).GET().build();
        try {
            java.net.http.HttpResponse<String> answer = http.send(request, BodyHandlers.ofString());
            return HttpResponse.status(HttpStatus.valueOf(answer.statusCode()))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(answer.body());
        } catch (IOException e) {
            return HttpResponse.status(HttpStatus.BAD_GATEWAY)
                    .body(new ApiError("owner_unreachable", "instance " + owner.host() + ":" + owner.port()
                            + " owns user " + userId + " but did not answer: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while forwarding");
        }
    }

    private static HttpResponse<?> unavailable(String why) {
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(new ApiError("unavailable", why));
    }
}
