package dev.timbre.blob;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlobUrisTest {
    @Test
    void s3UrisRoundTrip() throws Exception {
        String uri = BlobUris.s3("audio-bucket", "timbre/songs/ab/ab12").toString();
        assertEquals("s3://audio-bucket/timbre/songs/ab/ab12", uri);
        BlobUris.Location location = BlobUris.parse(uri);
        assertTrue(location.isS3());
        assertEquals("audio-bucket", location.bucket());
        assertEquals("timbre/songs/ab/ab12", location.key());
    }

    @Test
    void fileUrisRoundTrip() throws Exception {
        Path path = Path.of("/var/timbre/blobs/songs/ab/a b");
        BlobUris.Location location = BlobUris.parse(BlobUris.file(path).toString());
        assertTrue(location.isFile());
        assertEquals(path, location.file());
    }

    @Test
    void explainsWhatIsWrong() {
        assertTrue(message("gs://bucket/key").contains("unsupported blob scheme 'gs'"));
        assertTrue(message("relative/path.wav").contains("unsupported blob scheme ''"));
        assertTrue(message("s3://bucket/").contains("expected s3://<bucket>/<key>"));
        assertTrue(message("s3://bucket/../etc/passwd").contains("invalid S3 URI"));
        assertTrue(message("s3:///key").contains("invalid S3 URI"));
        assertTrue(message("file://host/x").contains("invalid file URI"));
        assertTrue(message("%%").contains("invalid audio URI"));
        assertTrue(message(null).contains("no audio URI"));
        assertThrows(IllegalArgumentException.class, () -> BlobUris.s3("b", "../x"));
    }

    @Test
    void songKeysFanOutBySongId() {
        assertEquals("songs/3f/3f2a-11", BlobKeys.song("3f2a-11"));
        assertEquals("songs/ab/AB", BlobKeys.song("AB"));
        assertEquals("songs/x_/x", BlobKeys.song("x"));
        assertThrows(IllegalArgumentException.class, () -> BlobKeys.song("../../etc"));
    }

    private static String message(String uri) {
        return assertThrows(BlobUnavailableException.class, () -> BlobUris.parse(uri)).getMessage();
    }
}
