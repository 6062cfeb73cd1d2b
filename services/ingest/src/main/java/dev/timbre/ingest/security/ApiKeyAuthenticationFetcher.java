package dev.timbre.ingest.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Optional;

/**
 * Authenticates a request from {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}. An unknown
 * key yields no authentication, so secured endpoints answer 401. Without a key, a GET of one of the media routes
 * may instead carry a {@link MediaTokens} token as {@code ?access_token=} (what audio, image and event-stream elements
 * of the page can send).
 */
@Singleton
public class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "Bearer ";

    private final ApiKeyRegistry registry;
    private final MediaTokens tokens;

    public ApiKeyAuthenticationFetcher(ApiKeyRegistry registry, MediaTokens tokens) {
        this.registry = registry;
        this.tokens = tokens;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<String> key = presentedKey(request);
        if (key.isPresent()) {
            return key.flatMap(registry::lookup)
                    .map(k -> Publishers.just(Authentication.build(k.principal(), k.roles())))
                    .orElseGet(Publishers::empty);
        }
        return mediaToken(request).flatMap(tokens::verify).map(Publishers::just).orElseGet(Publishers::empty);
    }

    private static Optional<String> mediaToken(HttpRequest<?> request) {
        if (!io.micronaut.http.HttpMethod.GET.equals(request.getMethod()) && !io.micronaut.http.HttpMethod.HEAD.equals(request.getMethod())) {
            return Optional.empty();
        }
        if (!MediaTokens.MEDIA_PATHS.matcher(request.getPath()).matches()) {
            return Optional.empty();
        }
        return request.getParameters().getFirst(MediaTokens.PARAMETER);
    }

    static Optional<String> presentedKey(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().get(API_KEY_HEADER, String.class).map(String::trim);
        if (header.isPresent() && !header.get().isEmpty()) {
            return header;
        }
        return request.getHeaders().getAuthorization()
                .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(value -> value.substring(BEARER.length()).trim())
                .filter(value -> !value.isEmpty());
    }
}
