package dev.timbre.blob.s3;

import dev.timbre.blob.BlobKeys;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where and how to reach the S3-compatible store ({@code timbre.blob.s3.*}).
 *
 * @param bucket          bucket holding the audio (must exist)
 * @param prefix          key prefix inside the bucket ({@code ""} or e.g. {@code "timbre/"}; a trailing slash is added)
 * @param region          signing region ({@code us-east-1} for most S3-compatible stores)
 * @param endpoint        endpoint override for S3-compatible stores (MinIO, Ceph, S3Proxy ...); null: AWS
 * @param pathStyle       {@code http://endpoint/bucket/key} instead of {@code http://bucket.endpoint/key}
 * @param accessKeyId     explicit credentials (e.g. from a Secret); null: the SDK's default chain
 *                        (environment, web identity token = EKS IRSA, pod identity / container, instance profile)
 * @param secretAccessKey the secret of {@code accessKeyId}
 * @param partSizeBytes   multipart part size (at least 5 MiB, the S3 minimum); also the single-PUT threshold and
 *                        the memory one upload holds
 * @param maxAttempts     attempts per request (standard retry strategy, exponential backoff with jitter)
 */
public record S3Settings(String bucket, String prefix, String region, URI endpoint, boolean pathStyle,
                         String accessKeyId, String secretAccessKey, int partSizeBytes, int maxAttempts) {
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Settings {
        prefix = prefix == null ? "" : prefix.strip();
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region.strip();
        accessKeyId = blankToNull(accessKeyId);
        secretAccessKey = blankToNull(secretAccessKey);
        List<String> problems = new ArrayList<>();
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            problems.add("timbre.blob.s3.bucket must be a bucket name (3-63 of a-z 0-9 . -), got '" + bucket + "'");
        }
        if (!prefix.isEmpty() && !BlobKeys.isValid(prefix.substring(0, prefix.length() - 1))) {
            problems.add("timbre.blob.s3.prefix must be slash-separated segments of A-Z a-z 0-9 . _ -, got '" + prefix + "'");
        }
        if (endpoint != null) {
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
                problems.add("timbre.blob.s3.endpoint must be an http(s) URL, got '" + endpoint + "'");
            }
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            problems.add("timbre.blob.s3.access-key-id and secret-access-key go together (or neither, for the"
                    + " default credential chain)");
        }
        if (partSizeBytes < MIN_PART_SIZE) {
            problems.add("timbre.blob.s3.part-size-mib must be at least 5 (the S3 minimum part size)");
        }
        if (maxAttempts < 1) {
            problems.add("timbre.blob.s3.max-attempts must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid S3 blob store settings: " + String.join("; ", problems));
        }
    }

    /** Settings for a bucket with the defaults: no prefix, AWS endpoint, virtual-host style, default credentials. */
    public static S3Settings of(String bucket) {
        return new S3Settings(bucket, "", DEFAULT_REGION, null, false, null, null, DEFAULT_PART_SIZE, DEFAULT_MAX_ATTEMPTS);
    }

    public S3Settings withPrefix(String value) {
        return new S3Settings(bucket, value, region, endpoint, pathStyle, accessKeyId, secretAccessKey, partSizeBytes, maxAttempts);
    }

    public S3Settings withEndpoint(URI value, boolean pathStyleAccess) {
        return new S3Settings(bucket, prefix, region, value, pathStyleAccess, accessKeyId, secretAccessKey, partSizeBytes, maxAttempts);
    }

    public S3Settings withCredentials(String keyId, String secret) {
        return new S3Settings(bucket, prefix, region, endpoint, pathStyle, keyId, secret, partSizeBytes, maxAttempts);
    }

    public S3Settings withPartSize(int bytes) {
        return new S3Settings(bucket, prefix, region, endpoint, pathStyle, accessKeyId, secretAccessKey, bytes, maxAttempts);
    }

    public S3Settings withMaxAttempts(int attempts) {
        return new S3Settings(bucket, prefix, region, endpoint, pathStyle, accessKeyId, secretAccessKey, partSizeBytes, attempts);
    }

    public boolean explicitCredentials() {
        return accessKeyId != null;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix + " (region " + region + (endpoint == null ? "" : ", endpoint " + endpoint)
                + (pathStyle ? ", path-style" : "") + ", credentials: "
                + (explicitCredentials() ? "access key " + accessKeyId : "default chain") + ")";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
