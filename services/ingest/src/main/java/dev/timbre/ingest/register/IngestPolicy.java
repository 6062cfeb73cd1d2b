package dev.timbre.ingest.register;

import dev.timbre.ingest.config.IngestConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What ingest accepts ({@link IngestConfig.Ingest}, {@code timbre.ingest.*}): the upload size limit, the
 * directories a {@code file:} reference may point into (compared by real path), whether plain {@code http:}
 * references are allowed and how long a remote fetch may take.
 */
@Singleton
public class IngestPolicy {
    private final long maxUploadBytes;
    private final List<Path> allowedRoots;
    private final boolean allowPlainHttp;
    private final Duration fetchTimeout;

    @Inject
    public IngestPolicy(IngestConfig config) {
        this(config.ingest().maxUploadBytes(), config.ingest().allowedRoots(), config.ingest().allowPlainHttp(),
                config.ingest().fetchTimeout());
    }

    public IngestPolicy(long maxUploadBytes, List<String> allowedRoots, boolean allowPlainHttp, Duration fetchTimeout) {
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
