package dev.timbre.platform.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.context.ServerRequestContext;

/**
 * Builds error responses in the {@link ApiError} shape; services use these instead of their own bodies.
 * The body is rendered JSON text, so it goes out the same whatever JSON library the service uses.
 */
public final class HttpErrors {
    /** Set on responses whose body is already a rendered {@link ApiError}. */
    static final String RENDERED = "timbre.error.rendered";

    private HttpErrors() {
    }

    public static MutableHttpResponse<String> response(HttpStatus status, String error, String message) {
        return response(ServerRequestContext.currentRequest().orElse(null), status, error, message);
    }

    public static MutableHttpResponse<String> response(HttpRequest<?> request, HttpStatus status, String error, String message) {
        return render(HttpResponse.status(status), new ApiError(status.getCode(), error, message, RequestIds.of(request)));
    }

    /** Puts the error (with its request id) on a response that already has its status and headers. */
    @SuppressWarnings("unchecked")
    static MutableHttpResponse<String> render(MutableHttpResponse<?> response, ApiError error) {
        MutableHttpResponse<String> out = (MutableHttpResponse<String>) response;
        out.body(error.toJson());
        out.contentType(MediaType.APPLICATION_JSON_TYPE);
        out.setAttribute(RENDERED, Boolean.TRUE);
        if (error.requestId() != null) {
            out.header(RequestIds.HEADER, error.requestId());
        }
        return out;
    }
}
