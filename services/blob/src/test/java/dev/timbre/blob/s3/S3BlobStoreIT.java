package dev.timbre.blob.s3;

import dev.timbre.blob.BlobStoreException;
import dev.timbre.blob.BlobTooLargeException;
import dev.timbre.blob.BlobUnavailableException;
import dev.timbre.blob.FetchedBlob;
import dev.timbre.blob.StoredBlob;
import dev.timbre.infra.process.PortAllocator;
import dev.timbre.infra.s3.LocalS3;
import dev.timbre.infra.testing.TestS3;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link S3BlobStore} against a real S3 API server (S3Proxy, filesystem backend) on loopback. */
class S3BlobStoreIT {
    private static final int PART = S3Settings.MIN_PART_SIZE;
    @TempDir
    Path tmp;
    private String bucket;
    private S3Settings settings;
    private S3BlobStore store;
    private S3Client raw;

    @BeforeEach
    void setUp() {
        LocalS3 s3 = TestS3.get();
        bucket = TestS3.newBucket("store-it");
        settings = S3Settings.of(bucket).withPrefix("timbre").withEndpoint(URI.create(s3.endpoint()), true)
                .withCredentials(s3.accessKey(), s3.secretKey()).withPartSize(PART).withMaxAttempts(3);
        store = new S3BlobStore(settings, S3BlobStore.newClient(settings), tmp);
        raw = S3BlobStore.newClient(settings);
    }

    @AfterEach
    void tearDown() {
        store.close();
        raw.close();
    }

    @Test
    void smallBlobIsOnePutWithContentTypeAndChecksumUnderThePrefix() throws Exception {
        byte[] content = bytes(10_000, 1);
        StoredBlob blob = store.put("songs/ab/abc", new ByteArrayInputStream(content), 1_000_000, "audio/wav");

        assertEquals(URI.create("s3://" + bucket + "/timbre/songs/ab/abc"), blob.uri());
        assertEquals(blob.uri(), store.uriOf("songs/ab/abc"));
        assertEquals(10_000, blob.sizeBytes());
        assertEquals(sha256(content), blob.sha256());
        HeadObjectResponse head = raw.headObject(b -> b.bucket(bucket).key("timbre/songs/ab/abc"));
        assertEquals("audio/wav", head.contentType());
        assertEquals(Map.of("sha256", sha256(content)), head.metadata());
        assertArrayEquals(content, store.get("songs/ab/abc").orElseThrow());
        assertTrue(Files.isRegularFile(TestS3.get().bucketDir(bucket).resolve("timbre/songs/ab/abc")),
                "one object per song id under the prefix");

        assertTrue(store.delete("songs/ab/abc"));
        assertFalse(store.delete("songs/ab/abc"));
        assertTrue(store.open("songs/ab/abc").isEmpty());
    }

    @Test
    void largeBlobIsAMultipartUploadAndReadsBackVerified() throws Exception {
        byte[] content = bytes(2 * PART + 12_345, 2);
        StoredBlob blob = store.put("songs/cd/cde", new ByteArrayInputStream(content), 100_000_000, "audio/mpeg");
        assertEquals(content.length, blob.sizeBytes());

        HeadObjectResponse head = raw.headObject(b -> b.bucket(bucket).key("timbre/songs/cd/cde"));
        assertEquals("audio/mpeg", head.contentType());
        assertEquals(sha256(content), head.metadata().get("sha256"), "checksum stored after the multipart upload");
        assertEquals(content.length, head.contentLength());

        try (FetchedBlob fetched = store.fetch(bucket, "timbre/songs/cd/cde")) {
            assertTrue(fetched.temporary());
            assertArrayEquals(content, Files.readAllBytes(fetched.path()));
            Path file = fetched.path();
            fetched.close();
            assertFalse(Files.exists(file), "the download is deleted on close");
        }
    }

    @Test
    void tooLargeContentIsRefusedAndNothingRemains() throws Exception {
        assertThrows(BlobTooLargeException.class,
                () -> store.put("songs/ef/small", new ByteArrayInputStream(bytes(2_000, 3)), 1_000, "audio/wav"));
        BlobTooLargeException e = assertThrows(BlobTooLargeException.class,
                () -> store.put("songs/ef/big", new ByteArrayInputStream(bytes(3 * PART, 3)), PART + 1, "audio/wav"));
        assertEquals(PART + 1, e.limitBytes());
        assertEquals(0, raw.listObjectsV2(b -> b.bucket(bucket)).keyCount());
        assertEquals(0, raw.listMultipartUploads(b -> b.bucket(bucket)).uploads().size(), "the upload was aborted");
    }

    @Test
    void aSourceFailingMidwayAbortsTheUpload() {
        InputStream failing = new InputStream() {
            private long n;

            @Override
            public int read() throws IOException {
                if (n++ > PART + 1000) {
                    throw new IOException("client went away");
                }
                return 7;
            }
        };
        IOException e = assertThrows(IOException.class, () -> store.put("songs/gh/broken", failing, 100_000_000, "audio/wav"));
        assertEquals("client went away", e.getMessage());
        assertEquals(0, raw.listObjectsV2(b -> b.bucket(bucket)).keyCount());
        assertEquals(0, raw.listMultipartUploads(b -> b.bucket(bucket)).uploads().size());
    }

    @Test
    void missingObjectAndForeignBucketAreUnavailable() {
        BlobUnavailableException missing = assertThrows(BlobUnavailableException.class,
                () -> store.fetch(bucket, "timbre/songs/zz/none"));
        assertEquals("audio not found at s3://" + bucket + "/timbre/songs/zz/none", missing.getMessage());
        assertTrue(assertThrows(BlobUnavailableException.class, () -> store.fetch("other-bucket", "k"))
                .getMessage().contains("not in this service's bucket"));
    }

    @Test
    void contentThatDoesNotMatchItsChecksumIsRefused() throws Exception {
        String wrongSha = sha256(new byte[1]);
        byte[] content = bytes(1000, 4);
        raw.putObject(b -> b.bucket(bucket).key("timbre/songs/ij/tampered").metadata(Map.of("sha256", wrongSha)),
                RequestBody.fromBytes(content));
        BlobUnavailableException e = assertThrows(BlobUnavailableException.class,
                () -> store.fetch(bucket, "timbre/songs/ij/tampered"));
        assertTrue(e.getMessage().startsWith("checksum mismatch for s3://" + bucket + "/timbre/songs/ij/tampered"), e.getMessage());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(0, left.count(), "no temporary download left behind");
        }
    }

    @Test
    void wrongCredentialsAreAClearStoreError() {
        S3Settings wrong = settings.withCredentials(TestS3.get().accessKey(), "not-the-secret");
        try (S3BlobStore bad = new S3BlobStore(wrong)) {
            BlobStoreException e = assertThrows(BlobStoreException.class, bad::check);
            assertTrue(e.getMessage().startsWith("S3 refused the credentials for bucket '" + bucket + "' at "
                    + TestS3.get().endpoint() + " (HTTP 403"), e.getMessage());
            assertTrue(e.getMessage().contains("timbre.blob.s3.access-key-id"), e.getMessage());
            BlobStoreException put = assertThrows(BlobStoreException.class,
                    () -> bad.put("songs/kl/x", new ByteArrayInputStream(new byte[10]), 100, "audio/wav"));
            assertTrue(put.getMessage().contains("HTTP 403"), put.getMessage());
            assertThrows(BlobStoreException.class, () -> bad.fetch(bucket, "timbre/songs/kl/x"),
                    "refused credentials are a store failure (retry), not a missing blob (dead letter)");
        }
        try (S3BlobStore unknownKey = new S3BlobStore(settings.withCredentials("nobody", "secret"))) {
            assertTrue(assertThrows(BlobStoreException.class, unknownKey::check).getMessage().contains("refused the credentials"));
        }
    }

    @Test
    void missingBucketAndUnreachableEndpointAreNamed() {
        try (S3BlobStore noBucket = new S3BlobStore(new S3Settings("no-such-bucket-" + bucket.hashCode() % 1000 + "x",
                "", null, settings.endpoint(), true, settings.accessKeyId(), settings.secretAccessKey(), PART, 1))) {
            assertTrue(assertThrows(BlobStoreException.class, noBucket::check).getMessage().contains("does not exist"));
        }
        int port = new PortAllocator(false, m -> { }).allocate("nothing", 0);
        try (S3BlobStore nowhere = new S3BlobStore(settings.withEndpoint(URI.create("http://127.0.0.1:" + port), true)
                .withMaxAttempts(2))) {
            assertTrue(assertThrows(BlobStoreException.class, nowhere::check).getMessage().startsWith("cannot reach S3 at"));
        }
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
