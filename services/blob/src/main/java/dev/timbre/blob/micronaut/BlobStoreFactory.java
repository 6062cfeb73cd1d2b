package dev.timbre.blob.micronaut;

import dev.timbre.blob.BlobReader;
import dev.timbre.blob.BlobStore;
import dev.timbre.blob.LocalFileBlobStore;
import dev.timbre.blob.s3.S3BlobStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Micronaut's binding of the blob contract, shared by ingest (writes through {@link BlobStore}) and
 * feature-extraction (reads through {@link BlobReader}), from the settings record {@link BlobConfig}
 * ({@code timbre.blob.*}).
 */
@Factory
public class BlobStoreFactory {
    public static final String STORE_PROPERTY = "timbre.blob.store";

    /** Unless the store is {@code s3}; {@link BlobConfig} refuses any store but {@code local} and {@code s3}. */
    @Singleton
    @Requires(property = STORE_PROPERTY, notEquals = BlobConfig.S3_STORE)
    BlobStore localBlobStore(BlobConfig config) throws IOException {
        return new LocalFileBlobStore(Path.of(config.root()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = STORE_PROPERTY, value = BlobConfig.S3_STORE)
    S3BlobStore s3BlobStore(BlobConfig config) {
        return new S3BlobStore(config.s3().settings());
    }

    /** Reads {@code file:} URIs always, {@code s3:} ones when this service has an S3 store. */
    @Singleton
    BlobReader blobReader(@Nullable S3BlobStore s3) {
        return new BlobReader(s3);
    }
}
