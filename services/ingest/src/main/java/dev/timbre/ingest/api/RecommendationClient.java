package dev.timbre.ingest.api;

import dev.timbre.ingest.config.IngestConfig;
import dev.timbre.platform.http.ServiceCall;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.uri.UriBuilder;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * Forwards recommendation reads to the recommendation service ({@code timbre.ingest.recommendation-url}), so
 * ingest stays the only authenticated edge, through the platform's one internal call ({@link ServiceCall}): it
 * presents the service token ({@code timbre.service-auth.tokens}) and the caller's request id. A list is passed
 * through; an error keeps its status and, when it is in the shared error shape, its code and message; when the
 * service cannot be reached, or refuses our token, the caller gets a 502 {@code recommendations_unavailable}.
 */
@Singleton
public class RecommendationClient {
    static final ServiceCall.Upstream RECOMMENDATIONS =
            new ServiceCall.Upstream("the recommendation service", "recommendations_unavailable");

    private final URI base;
    private final ServiceCall call;

    public RecommendationClient(IngestConfig config, ServiceCall call) {
        this.base = config.ingest().recommendationUrl();
        this.call = call;
    }

    public HttpResponse<?> fetch(String userId) {
        return call.get(RECOMMENDATIONS, UriBuilder.of(base).path("users").path(userId).path("recommendations").build());
    }

    /** "More like this": {@code GET /songs/{songId}/similar?limit=N} on the recommendation service. */
    public HttpResponse<?> similar(String songId, String limit) {
        UriBuilder uri = UriBuilder.of(base).path("songs").path(songId).path("similar");
        if (limit != null) {
            uri.queryParam("limit", limit);
        }
        return call.get(RECOMMENDATIONS, uri.build());
    }
}
