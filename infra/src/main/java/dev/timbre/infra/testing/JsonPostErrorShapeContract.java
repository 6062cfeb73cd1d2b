package dev.timbre.infra.testing;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.timbre.infra.testing.ApiErrorShape.assertShape;
import static dev.timbre.infra.testing.ApiErrorShape.send;

/**
 * {@link ApiErrorShapeContract} for a service with a JSON POST route: besides 404 and 405, a body of another media type
 * (415 {@code unsupported_media}) and malformed JSON (400 {@code malformed_json}) on that route answer in the
 * platform's one {@code ApiError} shape.
 */
public abstract class JsonPostErrorShapeContract extends ApiErrorShapeContract {

    /**
     * A JSON POST route of the service, with the headers (credentials) that let a request reach it.
     *
     * @param path    e.g. {@code /users/alice/events}
     * @param headers e.g. {@code Authorization}
     */
    public record JsonPost(String path, Map<String, String> headers) {
    }

    /** The service's JSON POST route. */
    protected abstract JsonPost jsonPost();

    @Test
    void malformedJsonIsA400InTheSharedShape() throws Exception {
        JsonPost post = jsonPost();
        assertShape(400, "malformed_json", send(baseUrl(), "POST", post.path(), post.headers(), "application/json",
                "{\"songId\": \"s\", \"type\": tru"));
    }

    @Test
    void anotherMediaTypeIsA415InTheSharedShape() throws Exception {
        JsonPost post = jsonPost();
        assertShape(415, "unsupported_media", send(baseUrl(), "POST", post.path(), post.headers(), "text/plain", "hello"));
    }
}
