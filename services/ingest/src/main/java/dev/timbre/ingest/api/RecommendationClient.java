package dev.timbre.ingest.api;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.uri.UriBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * Forwards recommendation reads to the recommendation service ({@code timbre.recommendation.url}), so
 * ingest stays the only authenticated edge. Its answer (status and JSON body) is passed through; when it
 * cannot be reached the caller gets a 502 with a clear error.
 */
@Singleton
public class RecommendationClient {
    private final URI base;
    private final HttpClient client;

    public RecommendationClient(@Value("${timbre.recommendation.url}") String baseUrl)
            throws MalformedURLException {
        this.base = URI.create(baseUrl);
        this.client = HttpClient.create(new URL(baseUrl));
    }

    public HttpResponse<?> fetch(String userId) {
        URI uri = UriBuilder.of(base).path("users").path(userId).path("recommendations").build();
        try {
            HttpResponse<String> response = client.toBlocking()
                    .exchange(HttpRequest.GET(uri).accept(MediaType.APPLICATION_JSON_TYPE), String.class);
            return passThrough(response.getStatus(), response.getBody(String.class).orElse(""));
        } catch (HttpClientResponseException e) {
            return passThrough(e.getStatus(), e.getResponse().getBody(String.class).orElse(""));
        } catch (HttpClientException e) {
            return ErrorHandlers.error(HttpStatus.BAD_GATEWAY, "recommendations_unavailable",
                    "the recommendation service at " + base + " is unreachable: " + e.getMessage());
        }
    }

    private static HttpResponse<String> passThrough(HttpStatus status, String body) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
