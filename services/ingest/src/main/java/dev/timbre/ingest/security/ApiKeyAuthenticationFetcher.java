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
 * key yields no authentication, so secured endpoints answer 401.
 */
@Singleton
public class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {
    public static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "Bearer ";

    private final ApiKeyRegistry registry;

    public ApiKeyAuthenticationFetcher(ApiKeyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        return presentedKey(request)
                .flatMap(registry::lookup)
                .map(key -> Publishers.just(Authentication.build(key.principal(), key.roles())))
                .orElseGet(Publishers::empty);
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
