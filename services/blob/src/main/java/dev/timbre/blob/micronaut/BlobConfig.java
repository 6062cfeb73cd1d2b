package dev.timbre.blob.micronaut;

import dev.timbre.blob.s3.S3Settings;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.util.Set;

/**
 * The blob store's settings, {@code timbre.blob.*} (environment {@code TIMBRE_BLOB_*}), one immutable record with
 * each default written once, here or, for S3, as {@link S3Settings}' constants:
 *
 * <pre>
 * timbre.blob.store            local (default) | s3
 * timbre.blob.root             local: the folder (default .timbre/blobs)
 * timbre.blob.s3.bucket        s3: bucket (required)
 * timbre.blob.s3.prefix        key prefix, e.g. timbre/ (default none)
 * timbre.blob.s3.region        default us-east-1
 * timbre.blob.s3.endpoint      S3-compatible endpoint URL (default: AWS)
 * timbre.blob.s3.path-style    true for most S3-compatible stores (default false)
 * timbre.blob.s3.access-key-id / secret-access-key   explicit keys; absent: the default chain (IRSA ...)
 * timbre.blob.s3.part-size-mib multipart part size (default 8, minimum 5)
 * timbre.blob.s3.max-attempts  attempts per request (default 5)
 * </pre>
 *
 * @param store {@code local} or {@code s3}; anything else stops the service at startup, naming the value
 * @param root  the {@code local} store's folder
 */
@ConfigurationProperties("timbre.blob")
public record BlobConfig(@Nullable String store, @Nullable String root, @Nullable S3 s3) {
    public static final String LOCAL = "local";
    public static final String S3_STORE = "s3";
    private static final Set<String> TYPES = Set.of(LOCAL, S3_STORE);

    public BlobConfig {
        store = store == null || store.isBlank() ? LOCAL : store.strip();
        if (!TYPES.contains(store)) {
            throw new ConfigurationException(BlobStoreFactory.STORE_PROPERTY + " must be 'local' or 's3', got '" + store + "'");
        }
        root = root == null || root.isBlank() ? ".timbre/blobs" : root;
        s3 = s3 == null ? new S3(null, null, null, null, null, null, null, null, null) : s3;
    }

    /** {@code timbre.blob.s3.*}; validated as {@link S3Settings} when the store is {@code s3}. */
    @ConfigurationProperties("s3")
    public record S3(@Nullable String bucket,
                     @Nullable String prefix,
                     @Nullable String region,
                     @Nullable String endpoint,
                     @Nullable Boolean pathStyle,
                     @Nullable String accessKeyId,
                     @Nullable String secretAccessKey,
                     @Nullable Integer partSizeMib,
                     @Nullable Integer maxAttempts) {
        public S3 {
            pathStyle = pathStyle != null && pathStyle;
            partSizeMib = partSizeMib == null ? S3Settings.DEFAULT_PART_SIZE / (1024 * 1024) : partSizeMib;
            maxAttempts = maxAttempts == null ? S3Settings.DEFAULT_MAX_ATTEMPTS : maxAttempts;
        }

        /** The store's settings (their own defaults and validation). */
        public S3Settings settings() {
            URI endpointUri = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.strip());
            return new S3Settings(bucket, prefix, region, endpointUri, pathStyle, accessKeyId, secretAccessKey,
                    partSizeMib * 1024 * 1024, maxAttempts);
        }
    }
}
