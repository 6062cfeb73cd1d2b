package dev.timbre.ingest.api;

import dev.timbre.ingest.publish.PublishException;
import dev.timbre.ingest.register.Rejection;
import dev.timbre.ingest.register.RejectedRequestException;
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

/** Maps ingest's typed failures to JSON {@link ApiError} responses. */
final class ErrorHandlers {
    private ErrorHandlers() {
    }

    static HttpResponse<ApiError> error(HttpStatus status, String code, String message) {
        return HttpResponse.<ApiError>status(status).body(new ApiError(status.getCode(), code, message));
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
        };
    }

    /** Refused requests: 4xx with the reason. */
    @Produces
    @Singleton
    static class RejectedRequestHandler implements ExceptionHandler<RejectedRequestException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, RejectedRequestException exception) {
            Rejection rejection = exception.rejection();
            return error(statusOf(rejection), rejection.name().toLowerCase(), exception.getMessage());
        }
    }

    /** Kafka did not take the record: 503, so the client knows to retry, rather than a silent loss. */
    @Produces
    @Singleton
    static class PublishFailureHandler implements ExceptionHandler<PublishException, HttpResponse<ApiError>> {
        private static final Logger LOG = LoggerFactory.getLogger(PublishFailureHandler.class);

        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, PublishException exception) {
            LOG.error("publish to {} failed for {} {}", exception.topic(), request.getMethod(), request.getPath(), exception);
            return error(HttpStatus.SERVICE_UNAVAILABLE, "publish_failed",
                    "the event log is unavailable (" + exception.getMessage() + "); nothing was accepted, retry later");
        }
    }

    /**
     * Missing/unknown key (401, with a Bearer challenge) or a role/user the key may not act for (403), in the
     * same JSON shape as every other error instead of micronaut-security's default body.
     */
    @Produces
    @Singleton
    @Replaces(DefaultAuthorizationExceptionHandler.class)
    static class AuthorizationHandler implements ExceptionHandler<AuthorizationException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, AuthorizationException exception) {
            if (exception.isForbidden()) {
                return error(HttpStatus.FORBIDDEN, "forbidden", "this API key may not " + request.getMethod() + " " + request.getPath());
            }
            return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(new ApiError(401, "unauthorized",
                            "a valid API key is required (Authorization: Bearer <key> or X-Api-Key: <key>)"));
        }
    }

    /** The request body exceeded the server's limits before reaching a controller. */
    @Produces
    @Singleton
    @Replaces(ContentLengthExceededHandler.class)
    static class TooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, ContentLengthExceededException exception) {
            return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large",
                    "the upload exceeds the size limit: " + exception.getMessage());
        }
    }
}
