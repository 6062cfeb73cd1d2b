package dev.timbre.infra.s3;

import dev.timbre.infra.PlatformException;
import dev.timbre.infra.process.PortAllocator;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3Proxy in its child JVM: answers S3 requests (refusing unsigned ones), buckets are folders, stops cleanly. */
class LocalS3IT {
    @TempDir
    Path dir;

    @Test
    void startsRefusesAnonymousRequestsAndStops() throws Exception {
        int port = new PortAllocator(false, m -> { }).allocate("S3Proxy", 0);
        LocalS3 s3 = LocalS3.start(LocalS3.Settings.defaults(dir, port, "key", "secret"));
        try {
            assertEquals("http://127.0.0.1:" + port, s3.endpoint());
            s3.createBucket("songs-bucket");
            assertTrue(Files.isDirectory(s3.bucketDir("songs-bucket")));
            assertThrows(IllegalArgumentException.class, () -> s3.createBucket("../escape"));
            HttpURLConnection http = (HttpURLConnection) URI.create(s3.endpoint() + "/songs-bucket").toURL().openConnection();
            assertEquals(403, http.getResponseCode(), "an unsigned request must be refused");
            http.disconnect();
        } finally {
            s3.close();
        }
        assertFalse(s3.isAlive());
        assertTrue(PortAllocator.isFree(port), "port released after close()");
    }

    @Test
    void aTakenPortFailsWithTheLogTail() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            PlatformException e = assertThrows(PlatformException.class, () -> LocalS3.start(
                    LocalS3.Settings.defaults(dir, taken.getLocalPort(), "key", "secret")));
            assertTrue(e.getMessage().contains("S3Proxy"), e.getMessage());
        }
    }
}
