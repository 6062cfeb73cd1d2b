package dev.timbre.blob;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlobReaderTest {
    @TempDir
    Path dir;
    private final BlobReader reader = new BlobReader(null);

    @Test
    void fileUrisAreReadInPlaceAndNeverDeleted() throws Exception {
        Path song = Files.write(dir.resolve("a song.wav"), new byte[]{1, 2});
        try (FetchedBlob blob = reader.fetch(song.toUri().toString())) {
            assertEquals(song, blob.path());
            assertEquals(2, blob.sizeBytes());
            assertFalse(blob.temporary());
        }
        assertTrue(Files.exists(song));
    }

    @Test
    void explainsWhatIsWrong() {
        assertTrue(message(dir.resolve("gone.wav").toUri().toString()).contains("not found"));
        assertTrue(message(dir.toUri().toString()).contains("not found"), "a directory");
        assertTrue(message("s3://bucket/songs/ab/ab").contains("no S3 blob store configured (timbre.blob.store=s3)"));
        assertTrue(message("ftp://host/x").contains("unsupported blob scheme 'ftp'"));
        assertTrue(message(null).contains("no audio URI"));
    }

    private String message(String uri) {
        return assertThrows(BlobUnavailableException.class, () -> reader.fetch(uri)).getMessage();
    }
}
