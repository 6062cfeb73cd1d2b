package dev.timbre.platform.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Micronaut's default error bodies ({@code {"_links":…,"_embedded":{"errors":…}}}) with the
 * {@link ApiError} shape, for every error the framework produces itself: malformed JSON, unknown route,
 * method not allowed, unsupported media type, too-large bodies, conversion failures, unhandled exceptions.
 * 4xx messages say what was wrong with the request (capped in length); 5xx messages never carry the
 * exception's text, only the request id to find it in the log.
 */
@Primary
@Singleton
@Requires(classes = ErrorResponseProcessor.class)
public class ApiErrorResponseProcessor implements ErrorResponseProcessor<String> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorResponseProcessor.class);
    static final int MAX_MESSAGE = 300;

    @Override
    public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        String requestId = RequestIds.of(request);
        int status = response.code();
        String message;
        if (status >= 500 && context.getRootCause().map(ApiErrorResponseProcessor::isBodyDecodingFailure).orElse(false)) {
            // the request body broke the HTTP decoder (e.g. a multipart part without Content-Disposition makes
            // Netty's decoder throw a NullPointerException): the client's fault, not the server's
            LOG.info("{} {}: undecodable body (requestId={}): {}", request.getMethod(), request.getPath(), requestId,
                    context.getRootCause().get().toString());
            response.status(io.micronaut.http.HttpStatus.BAD_REQUEST);
            return HttpErrors.render(response, new ApiError(400, "malformed_body",
                    "the request body could not be decoded (malformed multipart or encoding)", requestId));
        }
        if (status >= 500) {
            message = "internal error; quote request id " + requestId + " when reporting it";
            context.getRootCause().ifPresent(e -> LOG.error("{} {} failed (requestId={})",
                    request.getMethod(), request.getPath(), requestId, e));
        } else {
            message = context.getErrors().stream().map(Error::getMessage).filter(m -> m != null && !m.isBlank())
                    .findFirst().orElse(response.reason());
            message = cap(message);
        }
        return HttpErrors.render(response, new ApiError(status, code(status, context), message, requestId));
    }

    private static String code(int status, ErrorContext context) {
        if (status == 400 && context.getRootCause().map(ApiErrorResponseProcessor::isJsonProblem).orElse(false)) {
            return "malformed_json";
        }
        return ApiError.codeFor(status);
    }

    /** Thrown by (or from inside) Netty's body decoders: multipart, form, chunked content. */
    static boolean isBodyDecodingFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("io.netty.handler.codec.")) {
                return true;
            }
            StackTraceElement[] stack = t.getStackTrace();
            if (stack.length > 0 && stack[0].getClassName().startsWith("io.netty.handler.codec.http.multipart.")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isJsonProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.contains("Json") || name.contains("json") || name.contains("Serde")) {
                return true;
            }
        }
        return false;
    }

    static String cap(String message) {
        if (message == null) {
            return "";
        }
        String clean = message.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_MESSAGE ? clean : clean.substring(0, MAX_MESSAGE) + "…";
    }
}
