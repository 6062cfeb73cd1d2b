package dev.timbre.platform.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service-to-service authentication for internal APIs ({@code timbre.service-auth.required=true}): every
 * request but the open paths (probes, metrics) must carry {@code Authorization: Bearer <service token>};
 * otherwise 401 in the {@link ApiError} shape. With no token configured nothing is accepted (fail closed).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@io.micronaut.context.annotation.Requires(classes = io.micronaut.http.server.exceptions.response.ErrorResponseProcessor.class)
@Order(ServiceAuthFilter.ORDER)
@Requires(property = "timbre.service-auth.required", value = "true")
public class ServiceAuthFilter {
    /** Just before the security phase (ServerFilterPhase.SECURITY). */
    public static final int ORDER = 38_000;
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAuthFilter.class);

    private final ServiceCredentials credentials;
    private final ServiceAuthConfig config;

    public ServiceAuthFilter(ServiceCredentials credentials, ServiceAuthConfig config) {
        this.credentials = credentials;
        this.config = config;
        if (!credentials.hasTokens()) {
            LOG.error("timbre.service-auth.required is set but no token is configured (TIMBRE_SERVICE_AUTH_TOKENS): "
                    + "every API call will be refused with 401");
        }
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        String path = request.getPath();
        for (String open : config.openPaths()) {
            if (path.equals(open) || path.startsWith(open.endsWith("/") ? open : open + "/")) {
                return null;
            }
        }
        if (credentials.accepts(request.getHeaders().get(HttpHeaders.AUTHORIZATION))) {
            return null;
        }
        return HttpErrors.response(request, HttpStatus.UNAUTHORIZED, "unauthorized",
                        "this is an internal API: a service token is required (Authorization: Bearer <token>)")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"timbre-services\"");
    }
}
