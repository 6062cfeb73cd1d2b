package dev.timbre.recommendation.api;

import dev.timbre.platform.http.HttpErrors;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.platform.http.RequestIds;
import dev.timbre.platform.http.ServiceCredentials;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * {@code application.server} and relays the answer. Every call needs the service token (timbre-platform's
 * {@code ServiceAuthFilter}); forwarded calls present it too.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecommendationController {
    private static final Logger LOG = LoggerFactory.getLogger(RecommendationController.class);

    /** Marks a forwarded call, so that an instance that lost ownership meanwhile does not forward again. */
    static final String FORWARDED = "X-Timbre-Forwarded";
    /** Asks a standby holder for its copy, because the owner did not answer. */
    static final String STANDBY = "X-Timbre-Standby";

    private final RecommendationQueries queries;
    private final ServiceCredentials credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public RecommendationController(RecommendationQueries queries, ServiceCredentials credentials) {
        this.queries = queries;
        this.credentials = credentials;
    }

    @Get(uri = "/users/{userId}/recommendations", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> recommendations(@PathVariable String userId, @Nullable @Header(FORWARDED) String forwarded,
                                           @Nullable @Header(STANDBY) String standby) {
        RecommendationQueries.Location where = queries.locate(userId);
        try {
            if (standby != null && !(where instanceof RecommendationQueries.Location.Local)) {
                RecommendationList copy = queries.standbyList(userId);
                return copy != null ? HttpResponse.ok(RecommendationView.of(copy, queries.self()))
                        : unavailable("no standby copy of this user here");
            }
            if (where instanceof RecommendationQueries.Location.Remote remote && forwarded == null) {
                return forward(remote.host(), userId);
            }
            if (where instanceof RecommendationQueries.Location.Unavailable u) {
                return unavailable(u.why());
            }
            return HttpResponse.ok(RecommendationView.of(queries.localList(userId), queries.self()));
        } catch (InvalidStateStoreException e) {
            return unavailable("the store is not queryable yet (starting or rebalancing); retry");
        }
    }

    private HttpResponse<?> forward(HostInfo owner, String userId) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/users/"
                + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20") + "/recommendations");
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header(FORWARDED, String.valueOf(queries.self())).GET();
        // instance-to-instance calls carry the service token and the caller's request id like any other
        credentials.authorizationHeader().ifPresent(h -> builder.header("Authorization", h));
        RequestIds.current().ifPresent(id -> builder.header(RequestIds.HEADER, id));
        HttpRequest request = builder.build();
        try {
            java.net.http.HttpResponse<String> answer = http.send(request, BodyHandlers.ofString());
            return HttpResponse.status(HttpStatus.valueOf(answer.statusCode()))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(answer.body());
        } catch (IOException e) {
            LOG.warn("forwarding {} to {}:{} failed: {}", userId, owner.host(), owner.port(), e.toString());
            HttpResponse<?> copy = fromStandby(userId, owner);
            if (copy != null) {
                return copy;
            }
            return HttpErrors.response(HttpStatus.BAD_GATEWAY, "owner_unreachable",
                    "the instance that owns this user did not answer; retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted while forwarding");
        }
    }

    /**
     * The owner did not answer (e.g. killed, its partitions not yet moved): the list from a standby copy, here or
     * on another standby holder; null when there is none to ask.
     */
    private HttpResponse<?> fromStandby(String userId, HostInfo owner) {
        try {
            RecommendationList here = queries.standbyList(userId);
            if (here != null) {
                return HttpResponse.ok(RecommendationView.of(here, queries.self()));
            }
        } catch (InvalidStateStoreException e) {
            // the standby is not queryable right now: try the others
        }
        for (HostInfo standby : queries.standbyHosts(userId)) {
            if (standby.equals(owner) || (standby.host() + ":" + standby.port()).equals(queries.self())) {
                continue;
            }
            URI uri = URI.create("http://" + standby.host() + ":" + standby.port() + "/users/"
                    + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20") + "/recommendations");
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header(FORWARDED, String.valueOf(queries.self())).header(STANDBY, "true").GET();
            credentials.authorizationHeader().ifPresent(h -> builder.header("Authorization", h));
            RequestIds.current().ifPresent(id -> builder.header(RequestIds.HEADER, id));
            try {
                java.net.http.HttpResponse<String> answer = http.send(builder.build(), BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return HttpResponse.ok().contentType(MediaType.APPLICATION_JSON_TYPE).body(answer.body());
                }
            } catch (IOException e) {
                LOG.debug("standby {} of {} did not answer: {}", standby, userId, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static HttpResponse<?> unavailable(String why) {
        return HttpErrors.response(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", why);
    }
}
