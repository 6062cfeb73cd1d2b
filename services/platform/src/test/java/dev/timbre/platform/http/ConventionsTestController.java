package dev.timbre.platform.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;

import java.util.Map;

/** Endpoints for {@link HttpConventionsTest}. */
@Controller
@Requires(property = "conventions-test", value = "true")
class ConventionsTestController {
    @Post(value = "/echo", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    Map<String, Object> echo(@Body Map<String, Object> body) {
        return body;
    }

    @Post(value = "/upload", consumes = MediaType.MULTIPART_FORM_DATA)
    String upload(@io.micronaut.http.annotation.Part("title") String title) {
        return title;
    }

    @Get("/boom")
    String boom() {
        throw new IllegalStateException("secret detail: password=hunter2");
    }

    @Get("/plain-conflict")
    HttpResponse<String> plainConflict() {
        return HttpResponse.status(HttpStatus.CONFLICT).body("<html>some other shape</html>");
    }

    @Get("/own-error")
    HttpResponse<String> ownError() {
        return HttpErrors.response(HttpStatus.NOT_FOUND, "unknown_thing", "no such thing");
    }

    @Get(value = "/ok", produces = MediaType.APPLICATION_JSON)
    Map<String, String> ok() {
        return Map.of("ok", "yes");
    }

    /** Like Micronaut's health endpoint when an indicator is DOWN. */
    @Get(value = "/health/down", produces = MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, Object>> down() {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", "DOWN", "details", Map.of("kafka", Map.of("status", "DOWN"))));
    }

    @Get(value = "/health/ping", produces = MediaType.APPLICATION_JSON)
    Map<String, String> ping() {
        return Map.of("status", "UP");
    }
}
