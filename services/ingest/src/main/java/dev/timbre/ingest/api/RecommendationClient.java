package dev.timbre.ingest.api;

import dev.timbre.platform.http.ApiError;
import dev.timbre.platform.http.HttpErrors;
import dev.timbre.platform.http.RequestIds;
import dev.timbre.platform.http.ServiceCredentials;
import dev.timbre.ingest.config.IngestConfig;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;

/**
 * Forwards recommendation reads to the recommendation service ({@code timbre.ingest.recommendation-url}), so
 * ingest stays the only authenticated edge. It presents the service token ({@code timbre.service-auth.tokens})
 * and the caller's request id. A list is passed through; an error keeps its status and, when it is in the
 * shared error shape, its code and message; when the service cannot be reached the caller gets a 502.
 */
@Singleton
public class RecommendationClient {
    private static final Logger LOG = LoggerFactory.getLogger(RecommendationClient.class);
    private final URI base;
    private final HttpClient client;
    private final ServiceCredentials credentials;

    public RecommendationClient(IngestConfig config, ServiceCredentials credentials) throws MalformedURLException {
        this.base = config.ingest().recommendationUrl();
        this.client = HttpClient.create(base.toURL());
        this.credentials = credentials;
    }

    public HttpResponse<?> fetch(String userId) {
        return get(UriBuilder.of(base).path("users").path(userId).path("recommendations").build());
    }

    /** "More like this": {@code GET /songs/{songId}/similar?limit=N} on the recommendation service. */
    public HttpResponse<?> similar(String songId, String limit) {
        UriBuilder uri = UriBuilder.of(base).path("songs").path(songId).path("similar");
        if (limit != null) {
            uri.queryParam("limit", limit);
        }
        return get(uri.build());
    }

    private HttpResponse<?> get(URI uri) {
        MutableHttpRequest<?> request = HttpRequest.GET(uri).accept(MediaType.APPLICATION_JSON_TYPE);
        credentials.authorizationHeader().ifPresent(h -> request.header(HttpHeaders.AUTHORIZATION, h));
        RequestIds.current().ifPresent(id -> request.header(RequestIds.HEADER, id));
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
            return HttpResponse.<String>status(response.getStatus()).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(response.getBody(String.class).orElse(""));
        } catch (HttpClientResponseException e) {
            HttpStatus status = e.getStatus();
            ApiError upstream = ApiError.parse(e.getResponse().getBody(String.class).orElse("")).orElse(null);
            if (status == HttpStatus.UNAUTHORIZED) {
                // our own credentials were refused: a deployment problem, not the caller's
                LOG.error("the recommendation service refused ingest's service token (check TIMBRE_SERVICE_AUTH_TOKENS)");
                return HttpErrors.response(HttpStatus.BAD_GATEWAY, "recommendations_unavailable",
                        "the recommendation service refused this edge's credentials");
            }
            if (upstream != null) {
                return HttpErrors.response(status, upstream.error(), upstream.message());
            }
            return HttpErrors.response(status, ApiError.codeFor(status.getCode()), "the recommendation service answered " + status.getCode());
        } catch (HttpClientException e) {
            LOG.warn("recommendation service at {} unreachable: {}", base, e.toString());
            return HttpErrors.response(HttpStatus.BAD_GATEWAY, "recommendations_unavailable",
                    "the recommendation service is unreachable; retry later");
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
