package dev.timbre.platform.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The one way a Timbre service calls another Timbre service over HTTP (ingest → recommendation, recommendation
 * instance → instance): a GET that presents this service's token ({@link ServiceCredentials}) and the current
 * request's id ({@link RequestIds}), with the answer turned into a response this service can relay as is:
 *
 * <ul>
 *   <li>below 400: status and body passed through (as JSON);</li>
 *   <li>an error in the {@link ApiError} shape: its status, code and message (with this request's id);</li>
 *   <li>another error: its status, {@link ApiError#codeFor the status's code} and "{@code <upstream>} answered N";</li>
 *   <li>401 from the upstream (our own token refused: a deployment problem, not the caller's): 502 with the
 *       upstream's code, logged as an error;</li>
 *   <li>unreachable, refused or no answer in time: 502 with the upstream's code ({@link Upstream#unavailableCode});
 *       interrupted: 503 {@code unavailable}.</li>
 * </ul>
 *
 * It uses the JDK's {@link HttpClient}, so it works the same in every service whatever its HTTP stack.
 */
@Singleton
@Requires(classes = ErrorResponseProcessor.class)
public class ServiceCall {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceCall.class);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Who is called, for the caller's error codes and messages.
     *
     * @param name            in messages, e.g. {@code "the recommendation service"}
     * @param unavailableCode the {@code error} code when it cannot be used, e.g. {@code recommendations_unavailable}
     */
    public record Upstream(String name, String unavailableCode) {
    }

    private final ServiceCredentials credentials;
    private final HttpClient http;
    private final Duration requestTimeout;

    @Inject
    public ServiceCall(ServiceCredentials credentials) {
        this(credentials, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    public ServiceCall(ServiceCredentials credentials, Duration connectTimeout, Duration requestTimeout) {
        this.credentials = credentials;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GET {@code uri} on {@code upstream}. */
    public MutableHttpResponse<String> get(Upstream upstream, URI uri) {
        return get(upstream, uri, Map.of());
    }

    /** GET {@code uri} on {@code upstream} with extra headers (e.g. a forwarding mark). */
    public MutableHttpResponse<String> get(Upstream upstream, URI uri, Map<String, String> headers) {
        return tryGet(upstream, uri, headers).orElseGet(() -> HttpErrors.response(HttpStatus.BAD_GATEWAY,
                upstream.unavailableCode(), upstream.name() + " is unreachable; retry later"));
    }

    /**
     * Like {@link #get(Upstream, URI, Map)}, but empty when {@code upstream} is unreachable (refused, reset or no
     * answer in time), for a caller that has somewhere else to ask (recommendation: a standby copy); every answer,
     * errors included, is relayed as {@code get} does.
     */
    public Optional<MutableHttpResponse<String>> tryGet(Upstream upstream, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET()
                .header("Accept", MediaType.APPLICATION_JSON);
        headers.forEach(request::header);
        credentials.authorizationHeader().ifPresent(h -> request.header("Authorization", h));
        RequestIds.current().ifPresent(id -> request.header(RequestIds.HEADER, id));
        java.net.http.HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warn("{} at {} unreachable: {}", upstream.name(), uri, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(HttpErrors.response(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "interrupted while calling " + upstream.name()));
        }
        return Optional.of(relay(upstream, answer.statusCode(), answer.body()));
    }

    private static MutableHttpResponse<String> relay(Upstream upstream, int code, String body) {
        HttpStatus status;
        try {
            status = HttpStatus.valueOf(code);
        } catch (IllegalArgumentException e) {
            return HttpErrors.response(HttpStatus.BAD_GATEWAY, upstream.unavailableCode(),
                    upstream.name() + " answered with status " + code);
        }
        if (code < 400) {
            return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(body == null ? "" : body);
        }
        if (code == 401) {
            LOG.error("{} refused this service's token (check TIMBRE_SERVICE_AUTH_TOKENS)", upstream.name());
            return HttpErrors.response(HttpStatus.BAD_GATEWAY, upstream.unavailableCode(),
                    upstream.name() + " refused this service's credentials");
        }
        return ApiError.parse(body)
                .map(e -> HttpErrors.response(status, e.error(), e.message()))
                .orElseGet(() -> HttpErrors.response(status, ApiError.codeFor(code), upstream.name() + " answered " + code));
    }
}
