package dev.timbre.blob.s3;

import java.net.URI;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3SettingsTest {
    @Test
    void defaultsAndNormalisation() {
        S3Settings s = new S3Settings("audio", " timbre ", "", null, false, " ", null, S3Settings.DEFAULT_PART_SIZE, 5);
        assertEquals("timbre/", s.prefix());
        assertEquals("us-east-1", s.region());
        assertFalse(s.explicitCredentials());
        assertEquals("", S3Settings.of("audio").prefix());
    }

    @Test
    void everyProblemIsNamed() {
        String message = assertThrows(IllegalArgumentException.class, () -> new S3Settings("Bad_Bucket", "../x",
                null, URI.create("ftp://h"), true, "key", null, 1024, 0)).getMessage();
        for (String expected : new String[]{"timbre.blob.s3.bucket", "timbre.blob.s3.prefix", "timbre.blob.s3.endpoint",
                "go together", "part-size-mib", "max-attempts"}) {
            assertTrue(message.contains(expected), expected + " in " + message);
        }
    }

    @Test
    void theSecretIsNeverPrinted() {
        S3Settings s = S3Settings.of("audio").withEndpoint(URI.create("http://127.0.0.1:9000"), true)
                .withCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG");
        assertTrue(s.toString().contains("AKIDEXAMPLE"));
        assertTrue(s.toString().contains("path-style"));
        assertFalse(s.toString().contains("wJalrXUtnFEMI"));
    }
}
