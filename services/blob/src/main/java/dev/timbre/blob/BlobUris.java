package dev.timbre.blob;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The blob URI scheme, the one thing writers and readers must agree on ({@code SongRegistered.audioUri}):
 * <ul>
 *   <li>{@code file:///<absolute path>}: local store (a folder, on Kubernetes a ReadWriteMany volume);</li>
 *   <li>{@code s3://<bucket>/<object key>}: S3-compatible store; the object key includes the store's prefix.
 *       Which endpoint, region and credentials reach the bucket is the reader's configuration, not the URI's.</li>
 * </ul>
 */
public final class BlobUris {
    public static final String FILE = "file";
    public static final String S3 = "s3";

    /** A parsed blob URI: {@code file} set for {@code file:} URIs; {@code bucket} and {@code key} for {@code s3:}. */
    public record Location(String scheme, URI uri, Path file, String bucket, String key) {
        public boolean isFile() {
            return FILE.equals(scheme);
        }

        public boolean isS3() {
            return S3.equals(scheme);
        }
    }

    public static URI file(Path path) {
        return path.toAbsolutePath().normalize().toUri();
    }

    public static URI s3(String bucket, String objectKey) {
        BlobKeys.checked(objectKey);
        return URI.create(S3 + "://" + bucket + "/" + objectKey);
    }

    /** Parses a blob URI, with a message saying what is wrong when it is not one. */
    public static Location parse(String text) throws BlobUnavailableException {
        if (text == null || text.isBlank()) {
            throw new BlobUnavailableException("no audio URI");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new BlobUnavailableException("invalid audio URI '" + text + "': " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case FILE -> {
                try {
                    return new Location(FILE, uri, Path.of(uri), null, null);
                } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                    throw new BlobUnavailableException("invalid file URI " + text + ": " + e.getMessage(), e);
                }
            }
            case S3 -> {
                String bucket = uri.getAuthority();
                String path = uri.getPath() == null ? "" : uri.getPath();
                String key = path.startsWith("/") ? path.substring(1) : path;
                if (bucket == null || bucket.isBlank() || !BlobKeys.isValid(key)) {
                    throw new BlobUnavailableException("invalid S3 URI " + text + ": expected s3://<bucket>/<key>");
                }
                return new Location(S3, uri, null, bucket, key);
            }
            default -> throw new BlobUnavailableException("unsupported blob scheme '" + scheme + "' in " + text
                    + " (supported: file, s3)");
        }
    }

    private BlobUris() {
    }
}
