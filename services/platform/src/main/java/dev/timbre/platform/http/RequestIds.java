package dev.timbre.platform.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids: a caller's {@code X-Request-Id} is kept when it is short and plain (so one id follows a call
 * from ingest to recommendation and between recommendation instances); anything else gets a fresh UUID.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** Request attribute holding the id. */
    public static final String ATTRIBUTE = "timbre.request-id";
    /** MDC key, for log patterns ({@code %X{requestId}}). */
    public static final String MDC_KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    /** The caller's id if it is acceptable, else a new one. */
    public static String acceptOrCreate(String offered) {
        return offered != null && SAFE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /** The id of this request, assigning one if the filter has not run (e.g. an error before routing). */
    public static String of(HttpRequest<?> request) {
        if (request == null) {
            return UUID.randomUUID().toString();
        }
        Optional<String> id = request.getAttribute(ATTRIBUTE, String.class);
        if (id.isPresent()) {
            return id.get();
        }
        String created = acceptOrCreate(request.getHeaders().get(HEADER));
        request.setAttribute(ATTRIBUTE, created);
        return created;
    }

    /** The id of the request being served on this thread, if any. */
    public static Optional<String> current() {
        return ServerRequestContext.currentRequest().map(RequestIds::of);
    }
}
