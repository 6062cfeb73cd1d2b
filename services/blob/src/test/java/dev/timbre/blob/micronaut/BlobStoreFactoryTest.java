package dev.timbre.blob.micronaut;

import dev.timbre.blob.BlobReader;
import dev.timbre.blob.BlobStore;
import dev.timbre.blob.LocalFileBlobStore;
import dev.timbre.blob.s3.S3BlobStore;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Micronaut binding: which store a service gets for which settings, and how bad settings fail. */
class BlobStoreFactoryTest {
    @TempDir
    Path root;

    @Test
    void localIsTheDefaultAndReady() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("timbre.blob.root", root.toString()))) {
            LocalFileBlobStore store = assertInstanceOf(LocalFileBlobStore.class, context.getBean(BlobStore.class));
            assertEquals(root.toAbsolutePath(), store.root());
            assertTrue(context.findBean(S3BlobStore.class).isEmpty());
            assertNull(context.getBean(BlobStoreHealthIndicator.class).problem());
            context.getBean(BlobReader.class);
        }
    }

    @Test
    void s3SettingsAreBoundAndTheStoreIsTheWriterAndTheReader() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "timbre.blob.store", "s3",
                "timbre.blob.s3.bucket", "timbre-audio",
                "timbre.blob.s3.prefix", "timbre",
                "timbre.blob.s3.endpoint", "http://127.0.0.1:1",
                "timbre.blob.s3.path-style", "true",
                "timbre.blob.s3.access-key-id", "key",
                "timbre.blob.s3.secret-access-key", "secret",
                "timbre.blob.s3.max-attempts", "1",
                "timbre.blob.s3.part-size-mib", "6"))) {
            S3BlobStore store = assertInstanceOf(S3BlobStore.class, context.getBean(BlobStore.class));
            assertEquals("timbre/", store.settings().prefix());
            assertTrue(store.settings().pathStyle());
            assertEquals(6 * 1024 * 1024, store.settings().partSizeBytes());
            assertEquals("s3://timbre-audio/timbre/songs/ab/abc", store.uriOf("songs/ab/abc").toString());
            String problem = context.getBean(BlobStoreHealthIndicator.class).problem();
            assertTrue(problem.startsWith("cannot reach S3 at http://127.0.0.1:1"), problem);
        }
    }

    @Test
    void anUnknownStoreOrInvalidS3SettingsStopTheStartWithTheReason() {
        RuntimeException unknown = assertThrows(RuntimeException.class,
                () -> ApplicationContext.run(Map.of("timbre.blob.store", "gcs")));
        assertTrue(causes(unknown).contains("timbre.blob.store must be 'local' or 's3', got 'gcs'"), causes(unknown));
        RuntimeException invalid = assertThrows(RuntimeException.class,
                () -> ApplicationContext.run(Map.of("timbre.blob.store", "s3", "timbre.blob.s3.prefix", "../x")));
        assertTrue(causes(invalid).contains("timbre.blob.s3.bucket must be a bucket name"), causes(invalid));
        assertTrue(causes(invalid).contains("timbre.blob.s3.prefix"), causes(invalid));
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
