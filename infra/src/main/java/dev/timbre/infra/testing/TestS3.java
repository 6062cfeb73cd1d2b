package dev.timbre.infra.testing;

import dev.timbre.infra.PlatformException;
import dev.timbre.infra.process.PortAllocator;
import dev.timbre.infra.s3.LocalS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The S3 API server (S3Proxy, filesystem backend, on 127.0.0.1 and a free port) shared by all integration
 * tests of one JVM: started by the first {@link #get()}, stopped by a shutdown hook. Credentials are random
 * per JVM, so a test that signs with anything else is refused exactly as S3 would refuse it.
 */
public final class TestS3 {
    private static LocalS3 instance;
    private static PlatformException startFailure;

    public static synchronized LocalS3 get() {
        if (instance != null) {
            return instance;
        }
        if (startFailure != null) {
            throw new PlatformException("The test S3 server failed to start earlier in this JVM: "
                    + startFailure.getMessage(), startFailure);
        }
        try {
            Path dir = Files.createTempDirectory("timbre-test-s3");
            int port = new PortAllocator(false, message -> { }).allocate("S3Proxy", 0);
            LocalS3 s3 = LocalS3.start(LocalS3.Settings.defaults(dir, port,
                    "test-" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID().toString()));
            Runtime.getRuntime().addShutdownHook(new Thread(s3::close, "timbre-test-s3-stop"));
            System.out.println("[timbre-test-s3] S3Proxy at " + s3.endpoint() + " (" + dir + ")");
            instance = s3;
            return s3;
        } catch (IOException e) {
            startFailure = new PlatformException("Cannot create a folder for the test S3 server: " + e.getMessage(), e);
            throw startFailure;
        } catch (PlatformException e) {
            startFailure = e;
            throw e;
        }
    }

    /** A new, empty bucket with a unique name, so test classes never see each other's objects. */
    public static String newBucket(String hint) {
        String bucket = (hint.toLowerCase().replaceAll("[^a-z0-9-]", "-") + "-" + UUID.randomUUID().toString().substring(0, 8));
        get().createBucket(bucket);
        return bucket;
    }

    private TestS3() {
    }
}
