package dev.timbre.ingest.register;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What ingest accepts: the upload size limit ({@code timbre.ingest.max-upload-bytes}, default 50 MiB), the
 * directories a {@code file:} reference may point into ({@code timbre.ingest.allowed-roots}, none by
 * default: referencing server-side files is opt-in), whether plain {@code http:} references are allowed
 * (only {@code https:} by default) and how long a remote fetch may take.
 */
@Singleton
public class IngestPolicy {
    private final long maxUploadBytes;
    private final List<Path> allowedRoots;
    private final boolean allowPlainHttp;
    private final Duration fetchTimeout;

    public IngestPolicy(@Value("${timbre.ingest.max-upload-bytes:52428800}") long maxUploadBytes,
                        @Value("${timbre.ingest.allowed-roots:}") List<String> allowedRoots,
                        @Value("${timbre.ingest.allow-plain-http:false}") boolean allowPlainHttp,
                        @Value("${timbre.ingest.fetch-timeout:60s}") Duration fetchTimeout) {
        if (maxUploadBytes <= 0) {
            throw new IllegalArgumentException("timbre.ingest.max-upload-bytes must be positive");
        }
        this.maxUploadBytes = maxUploadBytes;
        this.allowedRoots = toPaths(allowedRoots).stream().map(IngestPolicy::canonical).toList();
        this.allowPlainHttp = allowPlainHttp;
        this.fetchTimeout = fetchTimeout;
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    public List<Path> allowedRoots() {
        return allowedRoots;
    }

    public boolean allowPlainHttp() {
        return allowPlainHttp;
    }

    public Duration fetchTimeout() {
        return fetchTimeout;
    }

    /** True when the real (symlink-resolved) path lies inside an allowed root. */
    public boolean isAllowedFile(Path realPath) {
        return allowedRoots.stream().anyMatch(realPath::startsWith);
    }

    private static List<Path> toPaths(List<String> roots) {
        List<Path> paths = new ArrayList<>();
        for (String root : roots) {
            if (root != null && !root.isBlank()) {
                paths.add(Path.of(root.trim()));
            }
        }
        return paths;
    }

    /** Roots are compared by real path so a symlink cannot smuggle a file in from outside. */
    private static Path canonical(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            return Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }
}
