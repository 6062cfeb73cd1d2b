package dev.timbre.blob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A blob readable as a local file (decoders need random access for some formats): the file itself for
 * {@code file:} URIs, a verified temporary download for {@code s3:}, deleted on {@link #close()}.
 */
public final class FetchedBlob implements AutoCloseable {
    private final Path path;
    private final long sizeBytes;
    private final boolean temporary;

    public FetchedBlob(Path path, long sizeBytes, boolean temporary) {
        this.path = path;
        this.sizeBytes = sizeBytes;
        this.temporary = temporary;
    }

    public Path path() {
        return path;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public boolean temporary() {
        return temporary;
    }

    @Override
    public void close() {
        if (temporary) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a temp file left behind is removed with the pod's /tmp
            }
        }
    }
}
