package dev.timbre.platform.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * Service-to-service credentials ({@code timbre.service-auth.*}, env {@code TIMBRE_SERVICE_AUTH_TOKENS}):
 * bearer tokens from a Kubernetes Secret, comma-separated. A server accepts every listed token and a
 * client presents the first, so a rotation is: add the new token second, roll; move it first, roll; drop the
 * old one, roll — two tokens are valid during the change.
 *
 * @param required  whether this service's own API demands a token (recommendation: true)
 * @param tokens    the valid tokens; the first is the one this service presents to others
 * @param openPaths path prefixes served without a token (probes and metrics); default {@code /health}, {@code /metrics}
 */
@ConfigurationProperties("timbre.service-auth")
public record ServiceAuthConfig(@Bindable(defaultValue = "false") boolean required, @Nullable List<String> tokens, @Nullable List<String> openPaths) {
    /** Shorter tokens are refused at startup: they could be guessed. */
    public static final int MIN_TOKEN_LENGTH = 24;

    public ServiceAuthConfig {
        tokens = tokens == null ? List.of() : tokens.stream().filter(t -> t != null && !t.isBlank()).map(String::strip).toList();
        for (String t : tokens) {
            if (t.length() < MIN_TOKEN_LENGTH) {
                throw new IllegalArgumentException("timbre.service-auth.tokens: every token must have at least "
                        + MIN_TOKEN_LENGTH + " characters");
            }
        }
        openPaths = openPaths == null || openPaths.isEmpty() ? List.of("/health", "/metrics") : List.copyOf(openPaths);
    }
}
