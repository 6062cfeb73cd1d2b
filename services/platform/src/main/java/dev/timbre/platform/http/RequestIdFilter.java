package dev.timbre.platform.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.Optional;

/**
 * First and last filter of every request: assigns the request id (kept from a plain {@code X-Request-Id},
 * else a UUID), returns it in the {@code X-Request-Id} header, and makes sure every 4xx/5xx leaves in the
 * {@link ApiError} shape with that id, whoever produced it (a controller, an exception handler, a filter,
 * the framework, or another service whose answer is relayed). Each error is logged once, with its id.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@io.micronaut.context.annotation.Requires(classes = io.micronaut.http.server.exceptions.response.ErrorResponseProcessor.class)
@Order(RequestIdFilter.ORDER)
public class RequestIdFilter {
    /** Before every other filter, security included. */
    public static final int ORDER = -100_000;
    private static final Logger LOG = LoggerFactory.getLogger("dev.timbre.http.errors");

    @RequestFilter
    public void assign(HttpRequest<?> request) {
        MDC.put(RequestIds.MDC_KEY, RequestIds.of(request));
    }

    @ResponseFilter
    public void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = RequestIds.of(request);
        response.header(RequestIds.HEADER, id);
        int status = response.code();
        if (status >= 400) {
            if (!isHealthReport(request, response)) {
                normalise(response, status, id);
            }
            String body = response.getBody(String.class).orElse("");
            String error = ApiError.parse(body).map(ApiError::error).orElse("?");
            if (status >= 500) {
                LOG.warn("{} {} -> {} {} requestId={}", request.getMethod(), request.getPath(), status, error, id);
            } else {
                LOG.info("{} {} -> {} {} requestId={}", request.getMethod(), request.getPath(), status, error, id);
            }
        }
        MDC.remove(RequestIds.MDC_KEY);
    }

    /** A DOWN health report (503) keeps its body: probes read the status, operators the details. */
    private static boolean isHealthReport(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        return (path.equals("/health") || path.startsWith("/health/")) && response.code() == 503
                && response.getBody().map(b -> !(b instanceof CharSequence) && !(b instanceof ApiError)).orElse(false);
    }

    private static void normalise(MutableHttpResponse<?> response, int status, String id) {
        if (response.getAttribute(HttpErrors.RENDERED, Boolean.class).orElse(false)) {
            return;
        }
        Optional<?> body = response.getBody();
        ApiError error = null;
        if (body.isPresent() && body.get() instanceof ApiError e) {
            error = e;
        } else if (body.isPresent() && body.get() instanceof CharSequence text) {
            error = ApiError.parse(text.toString()).orElse(null);
        } else if (body.isPresent() && body.get() instanceof byte[] bytes) {
            error = ApiError.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).orElse(null);
        }
        if (error == null) {
            // an answer in some other shape (or none): its text is not repeated, only its status
            error = new ApiError(status, ApiError.codeFor(status), status >= 500
                    ? "internal error; quote request id " + id + " when reporting it"
                    : Optional.ofNullable(response.reason()).orElse("request refused"), id);
        }
        if (error.requestId() == null) {
            error = error.withRequestId(id);
        }
        HttpErrors.render(response, error);
        response.contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
