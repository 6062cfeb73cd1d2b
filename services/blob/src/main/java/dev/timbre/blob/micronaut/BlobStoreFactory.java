package dev.timbre.blob.micronaut;

import dev.timbre.blob.BlobReader;
import dev.timbre.blob.BlobStore;
import dev.timbre.blob.LocalFileBlobStore;
import dev.timbre.blob.s3.S3BlobStore;
import dev.timbre.blob.s3.S3Settings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Micronaut's binding of the blob contract, shared by ingest (writes through {@link BlobStore}) and
 * feature-extraction (reads through {@link BlobReader}):
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
 */
@Factory
public class BlobStoreFactory {
    public static final String STORE_PROPERTY = "timbre.blob.store";

    @Singleton
    @Requires(property = STORE_PROPERTY, value = "local", defaultValue = "local")
    BlobStore localBlobStore(@Value("${timbre.blob.root:.timbre/blobs}") String root) throws IOException {
        return new LocalFileBlobStore(Path.of(root));
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = STORE_PROPERTY, value = "s3")
    S3BlobStore s3BlobStore(@Nullable @Value("${timbre.blob.s3.bucket:}") String bucket,
                            @Nullable @Value("${timbre.blob.s3.prefix:}") String prefix,
                            @Nullable @Value("${timbre.blob.s3.region:}") String region,
                            @Nullable @Value("${timbre.blob.s3.endpoint:}") String endpoint,
                            @Value("${timbre.blob.s3.path-style:false}") boolean pathStyle,
                            @Nullable @Value("${timbre.blob.s3.access-key-id:}") String accessKeyId,
                            @Nullable @Value("${timbre.blob.s3.secret-access-key:}") String secretAccessKey,
                            @Value("${timbre.blob.s3.part-size-mib:8}") int partSizeMib,
                            @Value("${timbre.blob.s3.max-attempts:5}") int maxAttempts) {
        URI endpointUri = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.strip());
        return new S3BlobStore(new S3Settings(bucket, prefix, region, endpointUri, pathStyle, accessKeyId, secretAccessKey,
                partSizeMib * 1024 * 1024, maxAttempts));
    }

    /** Reads {@code file:} URIs always, {@code s3:} ones when this service has an S3 store. */
    @Singleton
    BlobReader blobReader(@Nullable S3BlobStore s3) {
        return new BlobReader(s3);
    }
}
