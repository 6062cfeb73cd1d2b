package dev.timbre.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * The one error shape of every Timbre HTTP service: {@code {"status", "error", "message", "requestId"}}.
 * {@code error} is a stable machine code, {@code message} a sentence for humans, {@code requestId} the
 * request's id (also in the {@code X-Request-Id} header and in the service's log line for the error).
 * Rendered by hand with Jackson's tree model so that it does not depend on a service's JSON stack
 * (Micronaut serde or Jackson databind).
 */
public record ApiError(int status, String error, String message, String requestId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ApiError withRequestId(String id) {
        return new ApiError(status, error, message, id);
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", status);
        node.put("error", error);
        node.put("message", message);
        if (requestId == null) {
            node.putNull("requestId");
        } else {
            node.put("requestId", requestId);
        }
        return node.toString();
    }

    /** Reads a body in this shape (e.g. relayed from another Timbre service); empty if it is not one. */
    public static Optional<ApiError> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject() || !node.path("status").isInt() || !node.path("error").isTextual()
                    || !node.path("message").isTextual()) {
                return Optional.empty();
            }
            JsonNode id = node.path("requestId");
            return Optional.of(new ApiError(node.get("status").asInt(), node.get("error").asText(),
                    node.get("message").asText(), id.isTextual() ? id.asText() : null));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The stable code for a status when nothing more specific is known. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media";
            case 422 -> "unprocessable";
            case 429 -> "too_many_requests";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 502 -> "bad_gateway";
            case 503 -> "unavailable";
            case 504 -> "gateway_timeout";
            default -> status >= 500 ? "internal" : "client_error";
        };
    }
}
