package dev.timbre.features.blob;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioBlobResolverTest {
    @TempDir
    Path dir;
    private final AudioBlobResolver resolver = new AudioBlobResolver();

    @Test
    void resolvesFileUris() throws Exception {
        Path song = Files.write(dir.resolve("a song.wav"), new byte[]{1});
        assertEquals(song, resolver.resolve(song.toUri().toString()));
    }

    @Test
    void explainsWhatIsWrong() {
        assertTrue(assertThrows(BlobUnavailableException.class, () -> resolver.resolve(dir.resolve("gone.wav").toUri().toString()))
                .getMessage().contains("not found"));
        assertTrue(assertThrows(BlobUnavailableException.class, () -> resolver.resolve("s3://bucket/key"))
                .getMessage().contains("unsupported blob scheme 's3'"));
        assertThrows(BlobUnavailableException.class, () -> resolver.resolve(dir.toUri().toString()), "a directory");
        assertThrows(BlobUnavailableException.class, () -> resolver.resolve("not a uri"));
        assertThrows(BlobUnavailableException.class, () -> resolver.resolve(null));
    }
}
