package dev.timbre.ingest.register;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a song referenced by URI so ingest can copy it into the blob store: {@code file:} inside the
 * allowed roots, {@code https:} (and {@code http:} when allowed). The caller closes the stream; the size
 * limit is enforced while copying, and early here when the size is known.
 */
@Singleton
public class SourceFetcher {
    private final IngestPolicy policy;
    private final HttpClient http;

    public SourceFetcher(IngestPolicy policy) {
        this.policy = policy;
        this.http = HttpClient.newBuilder()
                .connectTimeout(policy.fetchTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public InputStream open(String source) {
        URI uri = parse(source);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> openFile(uri);
            case "https" -> openHttp(uri);
            case "http" -> {
                if (!policy.allowPlainHttp()) {
                    throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "plain http sources are disabled; use https");
                }
                yield openHttp(uri);
            }
            default -> throw new RejectedRequestException(Rejection.INVALID,
                    "unsupported source scheme '" + scheme + "': use file:///... or https://...");
        };
    }

    static URI parse(String source) {
        if (source == null || source.isBlank()) {
            throw new RejectedRequestException(Rejection.INVALID, "source is required");
        }
        try {
            URI uri = new URI(source.strip());
            if (uri.getScheme() == null) {
                throw new RejectedRequestException(Rejection.INVALID, "source must be an absolute URI (file:///... or https://...)");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new RejectedRequestException(Rejection.INVALID, "source is not a valid URI: " + e.getMessage());
        }
    }

    private InputStream openFile(URI uri) {
        if (policy.allowedRoots().isEmpty()) {
            throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE,
                    "file sources are disabled (no timbre.ingest.allowed-roots configured)");
        }
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new RejectedRequestException(Rejection.INVALID, "invalid file URI: " + e.getMessage());
        }
        // Check the lexical path first so that probing outside the roots does not reveal what exists there.
        if (!policy.isAllowedFile(path.toAbsolutePath().normalize())) {
            throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "file source is outside the allowed roots");
        }
        try {
            Path real = path.toRealPath();
            if (!policy.isAllowedFile(real)) {
                throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "file source is outside the allowed roots");
            }
            if (!Files.isRegularFile(real)) {
                throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "file source is not a regular file");
            }
            if (Files.size(real) > policy.maxUploadBytes()) {
                throw new RejectedRequestException(Rejection.TOO_LARGE,
                        "source is " + Files.size(real) + " bytes; the limit is " + policy.maxUploadBytes() + " bytes");
            }
            return Files.newInputStream(real);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "file source does not exist");
        } catch (IOException e) {
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "file source cannot be read: " + e.getMessage(), e);
        }
    }

    private InputStream openHttp(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(policy.fetchTimeout()).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "could not fetch source: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "interrupted while fetching source", e);
        }
        if (response.statusCode() != 200) {
            closeQuietly(response.body());
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "source answered HTTP " + response.statusCode());
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > policy.maxUploadBytes()) {
            closeQuietly(response.body());
            throw new RejectedRequestException(Rejection.TOO_LARGE,
                    "source is " + declared + " bytes; the limit is " + policy.maxUploadBytes() + " bytes");
        }
        return response.body();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the response is being discarded anyway
        }
    }
}
