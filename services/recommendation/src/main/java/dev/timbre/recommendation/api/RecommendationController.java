package dev.timbre.recommendation.api;

import dev.timbre.platform.http.HttpErrors;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.platform.http.ServiceCall;
import dev.timbre.platform.http.ServiceCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
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

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /users/{id}/recommendations}, answered by any instance: the owner of the user's
 * partition answers from its store; any other instance forwards the call to the owner's
 * {@code application.server} and relays the answer. Every call needs the service token (timbre-platform's
 * {@code ServiceAuthFilter}); forwarded calls present it too, through the platform's {@link ServiceCall}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class RecommendationController {
    private static final Logger LOG = LoggerFactory.getLogger(RecommendationController.class);

    /** Marks a forwarded call, so that an instance that lost ownership meanwhile does not forward again. */
    static final String FORWARDED = "X-Timbre-Forwarded";
    /** Asks a standby holder for its copy, because the owner did not answer. */
    static final String STANDBY = "X-Timbre-Standby";

    /** The instance that owns the user's partition; unreachable: ask a standby holder. */
    static final ServiceCall.Upstream OWNER = new ServiceCall.Upstream("the owning instance", "owner_unreachable");
    static final ServiceCall.Upstream STANDBY_HOLDER = new ServiceCall.Upstream("a standby instance", "owner_unreachable");
    /** How long a forwarded call may take before the owner counts as unreachable. */
    static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);

    private final RecommendationQueries queries;
    private final ServiceCall call;

    public RecommendationController(RecommendationQueries queries, ServiceCredentials credentials) {
        this.queries = queries;
        this.call = new ServiceCall(credentials, ServiceCall.CONNECT_TIMEOUT, FORWARD_TIMEOUT);
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
        // instance-to-instance calls carry the service token and the caller's request id like any other (ServiceCall)
        return call.tryGet(OWNER, listUri(owner, userId), Map.of(FORWARDED, String.valueOf(queries.self())))
                .<HttpResponse<?>>map(answer -> answer)
                .orElseGet(() -> {
                    LOG.warn("forwarding {} to {}:{} failed: unreachable", userId, owner.host(), owner.port());
                    HttpResponse<?> copy = fromStandby(userId, owner);
                    return copy != null ? copy : HttpErrors.response(HttpStatus.BAD_GATEWAY, OWNER.unavailableCode(),
                            "the instance that owns this user did not answer; retry");
                });
    }

    private static URI listUri(HostInfo host, String userId) {
        return URI.create("http://" + host.host() + ":" + host.port() + "/users/"
                + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20") + "/recommendations");
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
            Optional<MutableHttpResponse<String>> answer = call.tryGet(STANDBY_HOLDER, listUri(standby, userId),
                    Map.of(FORWARDED, String.valueOf(queries.self()), STANDBY, "true"));
            if (answer.isPresent() && answer.get().getStatus().getCode() == 200) {
                return answer.get();
            }
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
        }
        return null;
    }

    private static HttpResponse<?> unavailable(String why) {
        return HttpErrors.response(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", why);
    }
}
