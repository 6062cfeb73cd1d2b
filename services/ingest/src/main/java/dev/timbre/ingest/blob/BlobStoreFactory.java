package dev.timbre.ingest.blob;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Chooses the blob store. {@code timbre.blob.store=local} (default) keeps blobs under
 * {@code timbre.blob.root}; an S3-compatible store would be another {@code @Requires(property =
 * "timbre.blob.store", value = "s3")} bean here.
 */
@Factory
public class BlobStoreFactory {

    @Singleton
    @Requires(property = "timbre.blob.store", value = "local", defaultValue = "local")
    BlobStore localBlobStore(@Value("${timbre.blob.root:.timbre/blobs}") String root) throws IOException {
        return new LocalFileBlobStore(Path.of(root));
    }
}
