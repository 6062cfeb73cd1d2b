package dev.timbre.blob.s3;

import dev.timbre.blob.BlobKeys;
import dev.timbre.blob.BlobStore;
import dev.timbre.blob.BlobStoreException;
import dev.timbre.blob.BlobTooLargeException;
import dev.timbre.blob.BlobUnavailableException;
import dev.timbre.blob.BlobUris;
import dev.timbre.blob.FetchedBlob;
import dev.timbre.blob.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3-compatible blob store on the AWS SDK v2 sync client (JDK {@code HttpURLConnection} transport).
 *
 * <ul>
 *   <li><b>Layout:</b> object key = {@code prefix + key}, e.g. {@code timbre/songs/3f/3f2a...}; URI
 *       {@code s3://bucket/timbre/songs/3f/3f2a...}.</li>
 *   <li><b>Streaming:</b> the content is read one part at a time ({@code partSizeBytes}, 8 MiB by default):
 *       content that fits in one part is a single PUT, anything larger a multipart upload, aborted on any failure
 *       or when the size limit is crossed. Memory per upload is one part, whatever the file size; only a
 *       completed upload becomes visible, so readers never see half an object.</li>
 *   <li><b>Integrity:</b> every request carries the Content-MD5 of its bytes (the server rejects a corrupted
 *       part); the object carries its content type and {@code x-amz-meta-sha256}, the SHA-256 of the whole
 *       content, which {@link #fetch} verifies. A multipart object learns its SHA-256 only at the end, so it is
 *       set by a server-side copy onto itself (no bytes travel again). The SDK's newer default checksums
 *       (CRC32 trailers) are only used where an operation requires them, since several S3-compatible servers
 *       reject them.</li>
 *   <li><b>Retries:</b> the SDK's standard strategy, {@code maxAttempts} per request with exponential backoff
 *       and jitter; parts are replayable buffers, so a retried part re-sends the same bytes. Downloads that break
 *       mid-stream are restarted.</li>
 *   <li><b>Credentials:</b> explicit keys when configured (a Kubernetes Secret), else the default chain (IRSA
 *       web identity, pod identity, instance profile, environment).</li>
 * </ul>
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    /** User metadata with the hex SHA-256 of the whole object ({@code x-amz-meta-sha256}). */
    public static final String SHA256_METADATA = "sha256";
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);

    private final S3Settings settings;
    private final S3Client s3;
    private final Path tmpDir;

    public S3BlobStore(S3Settings settings) {
        this(settings, newClient(settings), Path.of(System.getProperty("java.io.tmpdir")));
    }

    S3BlobStore(S3Settings settings, S3Client s3, Path tmpDir) {
        this.settings = settings;
        this.s3 = s3;
        this.tmpDir = tmpDir;
    }

    /** The client as configured by {@code settings}: region, endpoint, path style, credentials, retries. */
    public static S3Client newClient(S3Settings settings) {
        AwsCredentialsProvider credentials = settings.explicitCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(10)))
                        .build()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    public S3Settings settings() {
        return settings;
    }

    public String bucket() {
        return settings.bucket();
    }

    /** The object key of a blob key: {@code prefix + key}. */
    public String objectKey(String key) {
        return settings.prefix() + BlobKeys.checked(key);
    }

    @Override
    public StoredBlob put(String key, InputStream content, long maxBytes, String contentType) throws IOException {
        String objectKey = objectKey(key);
        String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        MessageDigest sha = sha256();
        byte[] part = new byte[settings.partSizeBytes()];
        int n = readPart(content, part, sha);
        if (n > maxBytes) {
            throw new BlobTooLargeException(maxBytes);
        }
        if (n < part.length) {
            String hex = HexFormat.of().formatHex(sha.digest());
            int length = n;
            call("upload", objectKey, () -> s3.putObject(b -> b.bucket(bucket()).key(objectKey).contentType(type)
                    .contentLength((long) length).contentMD5(md5(part, length))
                    .metadata(Map.of(SHA256_METADATA, hex)),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length, type)));
            return new StoredBlob(key, uriOf(key), n, hex, type);
        }
        return multipart(key, objectKey, type, content, maxBytes, sha, part, n);
    }

    private StoredBlob multipart(String key, String objectKey, String type, InputStream content, long maxBytes,
                                 MessageDigest sha, byte[] part, int first) throws IOException {
        String uploadId = call("start a multipart upload of", objectKey, () -> s3.createMultipartUpload(b -> b
                .bucket(bucket()).key(objectKey).contentType(type)).uploadId());
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            int n = first;
            while (n > 0) {
                total += n;
                if (total > maxBytes) {
                    throw new BlobTooLargeException(maxBytes);
                }
                int number = parts.size() + 1;
                int length = n;
                String etag = call("upload part " + number + " of", objectKey, () -> s3.uploadPart(b -> b
                                .bucket(bucket()).key(objectKey).uploadId(uploadId).partNumber(number)
                                .contentLength((long) length).contentMD5(md5(part, length)),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(part, 0, length), length, type)).eTag());
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                n = readPart(content, part, sha);
            }
            call("complete the multipart upload of", objectKey, () -> s3.completeMultipartUpload(b -> b
                    .bucket(bucket()).key(objectKey).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
            completed = true;
            String hex = HexFormat.of().formatHex(sha.digest());
            try {
                call("store the checksum of", objectKey, () -> s3.copyObject(b -> b
                        .sourceBucket(bucket()).sourceKey(objectKey).destinationBucket(bucket()).destinationKey(objectKey)
                        .metadataDirective(MetadataDirective.REPLACE).contentType(type)
                        .metadata(Map.of(SHA256_METADATA, hex))));
            } catch (IOException e) {
                deleteQuietly(objectKey);
                throw e;
            }
            LOG.debug("uploaded {} in {} parts ({} bytes)", objectKey, parts.size(), total);
            return new StoredBlob(key, uriOf(key), total, hex, type);
        } finally {
            if (!completed) {
                abortQuietly(objectKey, uploadId);
            }
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            return Optional.of(call("read", objectKey, () -> s3.getObject(b -> b.bucket(bucket()).key(objectKey))));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            call("look up", objectKey, () -> s3.headObject(b -> b.bucket(bucket()).key(objectKey)));
        } catch (NotFound e) {
            return false;
        }
        call("delete", objectKey, () -> s3.deleteObject(b -> b.bucket(bucket()).key(objectKey)));
        return true;
    }

    @Override
    public URI uriOf(String key) {
        return BlobUris.s3(bucket(), objectKey(key));
    }

    /** HEAD on the bucket: proves the endpoint answers, the credentials are accepted and the bucket exists. */
    @Override
    public void check() throws BlobStoreException {
        try {
            s3.headBucket(b -> b.bucket(bucket()));
        } catch (S3Exception e) {
            int status = e.statusCode();
            if (status == 404) {
                throw new BlobStoreException("S3 bucket '" + bucket() + "' does not exist" + at() + " (timbre.blob.s3.bucket)", e);
            }
            if (status == 401 || status == 403) {
                throw new BlobStoreException("S3 refused the credentials for bucket '" + bucket() + "'" + at()
                        + " (HTTP " + status + errorCode(e) + "): " + credentialsHint(), e);
            }
            throw new BlobStoreException("S3 bucket '" + bucket() + "' cannot be used" + at() + ": HTTP " + status
                    + errorCode(e) + " " + e.getMessage(), e);
        } catch (SdkClientException e) {
            throw new BlobStoreException("cannot reach S3" + at() + " for bucket '" + bucket() + "': " + e.getMessage()
                    + (settings.explicitCredentials() ? "" : " (no explicit keys: " + credentialsHint() + ")"), e);
        }
    }

    @Override
    public String describe() {
        return settings.toString();
    }

    /**
     * Downloads {@code s3://bucket/objectKey} to a temporary file, streaming, and verifies its size and its stored
     * SHA-256. A download that breaks or does not match is retried; a mismatch that persists means the object is
     * not what was uploaded.
     */
    public FetchedBlob fetch(String bucket, String objectKey) throws BlobUnavailableException, BlobStoreException {
        String uri = BlobUris.S3 + "://" + bucket + "/" + objectKey;
        if (!bucket.equals(bucket())) {
            throw new BlobUnavailableException("cannot read " + uri + ": not in this service's bucket '" + bucket() + "'");
        }
        Path file;
        try {
            file = Files.createTempFile(tmpDir, "timbre-blob-", ".audio");
        } catch (IOException e) {
            throw new BlobStoreException("cannot create a temporary file in " + tmpDir + ": " + e.getMessage(), e);
        }
        boolean ok = false;
        try {
            String problem = null;
            for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
                try (ResponseInputStream<GetObjectResponse> in = call("read", objectKey,
                        () -> s3.getObject(b -> b.bucket(bucket).key(objectKey)));
                     OutputStream out = Files.newOutputStream(file)) {
                    MessageDigest sha = sha256();
                    long size = copy(in, out, sha);
                    GetObjectResponse response = in.response();
                    String expected = response.metadata().get(SHA256_METADATA);
                    String actual = HexFormat.of().formatHex(sha.digest());
                    if (response.contentLength() != null && response.contentLength() != size) {
                        problem = "download of " + uri + " ended after " + size + " of " + response.contentLength() + " bytes";
                    } else if (expected != null && !expected.equalsIgnoreCase(actual)) {
                        problem = "checksum mismatch for " + uri + ": stored sha256 " + expected + ", content has " + actual;
                    } else {
                        ok = true;
                        return new FetchedBlob(file, size, true);
                    }
                } catch (NotFound e) {
                    throw new BlobUnavailableException("audio not found at " + uri);
                } catch (BlobStoreException e) {
                    throw e;
                } catch (IOException e) {
                    problem = "download of " + uri + " failed: " + e.getMessage();
                }
                LOG.warn("{} (attempt {} of {})", problem, attempt, settings.maxAttempts());
                sleep(Duration.ofMillis(100L << Math.min(attempt, 6)));
            }
            if (problem.startsWith("checksum mismatch")) {
                throw new BlobUnavailableException(problem);
            }
            throw new BlobStoreException(problem);
        } finally {
            if (!ok) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // left in /tmp
                }
            }
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    // --- helpers ---

    /** A missing key or object: not a failure of the store. */
    private static final class NotFound extends BlobStoreException {
        NotFound(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private interface S3Call<T> {
        T run();
    }

    /** Runs one SDK call (already retried by the SDK) and maps its failure to a message naming the object. */
    private <T> T call(String action, String objectKey, S3Call<T> call) throws BlobStoreException {
        try {
            return call.run();
        } catch (NoSuchKeyException e) {
            throw new NotFound("no object " + objectKey, e);
        } catch (S3Exception e) {
            int status = e.statusCode();
            String what = "cannot " + action + " s3://" + bucket() + "/" + objectKey + at() + ": HTTP " + status + errorCode(e);
            if (status == 404 && (e.awsErrorDetails() == null || !"NoSuchBucket".equals(e.awsErrorDetails().errorCode()))) {
                throw new NotFound(what, e);
            }
            if (status == 401 || status == 403) {
                throw new BlobStoreException(what + ": " + credentialsHint(), e);
            }
            throw new BlobStoreException(what + " " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new BlobStoreException("cannot " + action + " s3://" + bucket() + "/" + objectKey + at() + ": " + e.getMessage(), e);
        }
    }

    private String at() {
        return settings.endpoint() == null ? " (region " + settings.region() + ")" : " at " + settings.endpoint();
    }

    private String credentialsHint() {
        return settings.explicitCredentials()
                ? "check timbre.blob.s3.access-key-id / secret-access-key (the credentials Secret) and the bucket policy"
                : "check the pod's IAM role (IRSA / pod identity) or set timbre.blob.s3.access-key-id / secret-access-key";
    }

    private static String errorCode(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? "" : " " + code;
    }

    /** Fills {@code part} from the stream (fewer bytes only at its end), adding them to the digest. */
    private static int readPart(InputStream in, byte[] part, MessageDigest sha) throws IOException {
        int n = in.readNBytes(part, 0, part.length);
        sha.update(part, 0, n);
        return n;
    }

    private static long copy(InputStream in, OutputStream out, MessageDigest sha) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            sha.update(buffer, 0, n);
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static String md5(byte[] bytes, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(bytes, 0, length);
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JRE", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    private void abortQuietly(String objectKey, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket()).key(objectKey).uploadId(uploadId));
        } catch (RuntimeException e) {
            LOG.warn("could not abort multipart upload {} of {} (a bucket lifecycle rule should clean it up): {}",
                    uploadId, objectKey, e.toString());
        }
    }

    private void deleteQuietly(String objectKey) {
        try {
            s3.deleteObject(b -> b.bucket(bucket()).key(objectKey));
        } catch (RuntimeException e) {
            LOG.warn("could not delete {}: {}", objectKey, e.toString());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
