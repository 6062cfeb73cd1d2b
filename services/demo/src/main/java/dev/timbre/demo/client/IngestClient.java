package dev.timbre.demo.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A small client of ingest's public API, as a user or an admin would call it (API key per call). */
public final class IngestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public IngestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The answer of a call: status and parsed JSON body (or {@code null} when the body was not JSON). */
    public record Reply(int status, JsonNode body, String raw) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode orThrow(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " failed with HTTP " + status + ": " + raw);
            }
            return body;
        }
    }

    /**
     * {@code POST /songs} as multipart: the audio bytes plus title/artist/album; a null field is not sent (ingest then
     * takes it from the file's tags, the title from the file name last).
     */
    public Reply uploadSong(String apiKey, String fileName, byte[] audio, String title, String artist, String album) {
        String boundary = "timbre-" + UUID.randomUUID();
        Map<String, String> fields = new LinkedHashMap<>();
        if (title != null) {
            fields.put("title", title);
        }
        if (artist != null) {
            fields.put("artist", artist);
        }
        if (album != null) {
            fields.put("album", album);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(audio.length + 1024);
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName.replace("\"", "'").replaceAll("[\r\n]", " ")
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(audio);
        write(body, "\r\n--" + boundary + "--\r\n");
        return send(request("/songs", apiKey)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public Reply songStatus(String apiKey, String songId) {
        return send(request("/songs/" + songId + "/status", apiKey).GET());
    }

    public Reply catalog(String apiKey) {
        return send(request("/songs", apiKey).GET());
    }

    /** {@code POST /users/{id}/events}; {@code listenedFraction} may be null. */
    public Reply postEvent(String apiKey, String userId, String songId, String type, Double listenedFraction) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("songId", songId);
        event.put("type", type);
        if (listenedFraction != null) {
            event.put("listenedFraction", listenedFraction);
        }
        try {
            return send(request("/users/" + userId + "/events", apiKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(event))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Reply recommendations(String apiKey, String userId) {
        return send(request("/users/" + userId + "/recommendations", apiKey).GET());
    }

    private HttpRequest.Builder request(String path, String apiKey) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json");
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                // keep the raw text for the error message
            }
            return new Reply(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach ingest at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
