package dev.timbre.blob;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalFileBlobStoreTest {
    @TempDir
    Path root;

    @Test
    void putThenGetOpenAndDelete() throws Exception {
        LocalFileBlobStore store = new LocalFileBlobStore(root);
        byte[] content = "RIFF....WAVE".getBytes();
        StoredBlob blob = store.put("songs/ab/abc", new ByteArrayInputStream(content), 1000, "audio/wav");

        assertEquals(content.length, blob.sizeBytes());
        assertEquals(root.resolve("songs/ab/abc").toUri(), blob.uri());
        assertEquals(blob.uri(), store.uriOf("songs/ab/abc"));
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content)), blob.sha256());
        assertArrayEquals(content, store.get("songs/ab/abc").orElseThrow());
        try (var in = store.open("songs/ab/abc").orElseThrow()) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertTrue(store.delete("songs/ab/abc"));
        assertFalse(store.delete("songs/ab/abc"));
        assertTrue(store.get("songs/ab/abc").isEmpty());
    }

    @Test
    void oversizedContentIsRefusedAndLeavesNothingBehind() throws Exception {
        LocalFileBlobStore store = new LocalFileBlobStore(root);
        BlobTooLargeException e = assertThrows(BlobTooLargeException.class,
                () -> store.put("songs/x/big", new ByteArrayInputStream(new byte[200_000]), 100_000, "audio/wav"));
        assertEquals(100_000, e.limitBytes());
        assertTrue(store.get("songs/x/big").isEmpty());
        assertEquals(0, filesUnder(root), "no partial or temporary file may remain");
    }

    @Test
    void aFailingSourceLeavesNoPartialBlob() throws Exception {
        LocalFileBlobStore store = new LocalFileBlobStore(root);
        var failing = new java.io.InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 10_000) {
                    throw new IOException("connection reset");
                }
                return 1;
            }
        };
        assertThrows(IOException.class, () -> store.put("songs/x/broken", failing, 1_000_000, "audio/wav"));
        assertTrue(store.get("songs/x/broken").isEmpty());
        assertEquals(0, filesUnder(root));
    }

    @Test
    void rewritingAKeyReplacesItsContent() throws Exception {
        LocalFileBlobStore store = new LocalFileBlobStore(root);
        store.put("k/one", new ByteArrayInputStream(new byte[]{1, 2, 3}), 10, "audio/wav");
        store.put("k/one", new ByteArrayInputStream(new byte[]{4}), 10, "audio/wav");
        assertArrayEquals(new byte[]{4}, store.get("k/one").orElseThrow());
    }

    @Test
    void keysCannotEscapeTheRoot() throws Exception {
        LocalFileBlobStore store = new LocalFileBlobStore(root);
        for (String bad : new String[]{"../x", "a/../../x", "/etc/passwd", "", "a//b", ".hidden"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> store.put(bad, new ByteArrayInputStream(new byte[1]), 10, "audio/wav"), bad);
        }
    }

    @Test
    void checkNamesAMissingOrReadOnlyFolder() throws Exception {
        LocalFileBlobStore store = new LocalFileBlobStore(root.resolve("blobs"));
        store.check();
        assertEquals(root.resolve("blobs").toUri().toString(), store.describe());
        Files.delete(root.resolve("blobs"));
        BlobStoreException e = assertThrows(BlobStoreException.class, store::check);
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    private static long filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
