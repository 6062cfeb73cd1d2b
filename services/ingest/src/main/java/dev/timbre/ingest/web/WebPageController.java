package dev.timbre.ingest.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The small web page: catalog with predicted genres and a user's live list. The page itself is public; every
 * call it makes carries the API key typed into it, so it sees exactly what that key may see.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class WebPageController {
    private final byte[] page = resource("/web/index.html");
    private final byte[] openApi = resource("/openapi.yml");

    private static byte[] resource(String name) {
        try (InputStream in = WebPageController.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> index() {
        return HttpResponse.ok(page).header("Cache-Control", "no-cache");
    }

    /** The hand-written OpenAPI document of ingest's API (recommendation serves its own). */
    @Get(value = "/openapi.yml", produces = "application/yaml")
    public HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(openApi).header("Cache-Control", "no-cache");
    }
}
