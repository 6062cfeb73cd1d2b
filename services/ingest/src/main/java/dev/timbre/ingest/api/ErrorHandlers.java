package dev.timbre.ingest.api;

import dev.timbre.platform.kafka.PublishException;
import dev.timbre.ingest.register.Rejection;
import dev.timbre.ingest.register.RejectedRequestException;
import dev.timbre.platform.http.HttpErrors;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps ingest's typed failures to responses in the platform's one error shape ({@link HttpErrors}:
 * {@code {"status","error","message","requestId"}}); framework errors get the same shape from timbre-platform.
 */
final class ErrorHandlers {
    private ErrorHandlers() {
    }

    static HttpResponse<String> error(HttpStatus status, String code, String message) {
        return HttpErrors.response(status, code, message);
    }

    static HttpStatus statusOf(Rejection rejection) {
        return switch (rejection) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNSUPPORTED_MEDIA -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case FORBIDDEN_SOURCE -> HttpStatus.FORBIDDEN;
            case SOURCE_UNAVAILABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case STORE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case UNKNOWN_SONG -> HttpStatus.NOT_FOUND;
            case CATALOG_LOADING -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** Refused requests: 4xx with the reason. */
    @Produces
    @Singleton
    static class RejectedRequestHandler implements ExceptionHandler<RejectedRequestException, HttpResponse<String>> {
        @Override
        public HttpResponse<String> handle(HttpRequest request, RejectedRequestException exception) {
            Rejection rejection = exception.rejection();
            return HttpErrors.response(request, statusOf(rejection), rejection.name().toLowerCase(), exception.getMessage());
        }
    }

    /** Kafka did not take the record: 503, so the client knows to retry, rather than a silent loss. */
    @Produces
    @Singleton
    static class PublishFailureHandler implements ExceptionHandler<PublishException, HttpResponse<String>> {
        private static final Logger LOG = LoggerFactory.getLogger(PublishFailureHandler.class);

        @Override
        public HttpResponse<String> handle(HttpRequest request, PublishException exception) {
            LOG.error("publish to {} failed for {} {}", exception.topic(), request.getMethod(), request.getPath(), exception);
            return HttpErrors.response(request, HttpStatus.SERVICE_UNAVAILABLE, "publish_failed",
                    "the event log is unavailable; nothing was accepted, retry later");
        }
    }

    /**
     * Missing/unknown key (401, with a Bearer challenge) or a role/user the key may not act for (403), in the
     * same JSON shape as every other error instead of micronaut-security's default body.
     */
    @Produces
    @Singleton
    @Replaces(DefaultAuthorizationExceptionHandler.class)
    static class AuthorizationHandler implements ExceptionHandler<AuthorizationException, HttpResponse<String>> {
        @Override
        public HttpResponse<String> handle(HttpRequest request, AuthorizationException exception) {
            if (exception.isForbidden()) {
                return HttpErrors.response(request, HttpStatus.FORBIDDEN, "forbidden",
                        "this API key may not " + request.getMethod() + " " + request.getPath());
            }
            return HttpErrors.response(request, HttpStatus.UNAUTHORIZED, "unauthorized",
                            "a valid API key is required (Authorization: Bearer <key> or X-Api-Key: <key>)")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
    }

    /** The request body exceeded the server's limits before reaching a controller. */
    @Produces
    @Singleton
    @Replaces(ContentLengthExceededHandler.class)
    static class TooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<String>> {
        @Override
        public HttpResponse<String> handle(HttpRequest request, ContentLengthExceededException exception) {
            return HttpErrors.response(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                    "the upload exceeds the size limit: " + exception.getMessage());
        }
    }
}
