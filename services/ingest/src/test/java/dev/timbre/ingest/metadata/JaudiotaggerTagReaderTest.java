package dev.timbre.ingest.metadata;

import org.jaudiotagger.tag.FieldKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tag reader on files tagged by jaudiotagger itself, in every format ingest accepts that has tags. */
class JaudiotaggerTagReaderTest {
    private final JaudiotaggerTagReader reader = new JaudiotaggerTagReader();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mp3,audio/mpeg", "flac,audio/flac", "ogg,audio/ogg", "wav,audio/wav", "aif,audio/aiff"})
    void readsEveryFieldOfEachFormat(String extension, String contentType) throws IOException {
        Path file = TaggedAudio.file(dir, "song", extension, TaggedAudio.standardTags("So What", "Miles Davis"));
        FileTags tags = reader.read(file, contentType);
        assertEquals("So What", tags.title(), tags::toString);
        assertEquals("Miles Davis", tags.artist(), tags::toString);
        assertEquals("Kind of Test", tags.album(), tags::toString);
        assertEquals(1959, tags.year(), tags::toString);
        assertEquals(3, tags.trackNumber(), tags::toString);
        assertEquals("Jazz", tags.genre(), tags::toString);
        assertNotNull(tags.durationMillis(), tags::toString);
        assertTrue(Math.abs(tags.durationMillis() - 3000) < 150, "3 s tone: " + tags.durationMillis());
    }

    @Test
    void theParserFollowsTheSniffedTypeNotTheName() throws IOException {
        Path mp3 = TaggedAudio.file(dir, "song", "mp3", TaggedAudio.standardTags("Blue in Green", "Bill"));
        Path misnamed = Files.move(mp3, dir.resolve("cover.jpg"));
        assertEquals("Blue in Green", reader.read(misnamed, "audio/mpeg").title());
        assertEquals(FileTags.NONE, reader.read(misnamed, "audio/basic"), "AU has no tags");
    }

    @Test
    void untaggedFilesGiveOnlyTheDuration() throws IOException {
        FileTags tags = reader.read(TaggedAudio.file(dir, "plain", "wav", Map.of()), "audio/wav");
        assertNull(tags.title());
        assertNull(tags.artist());
        assertNotNull(tags.durationMillis());
    }

    @Test
    void hugeAndBinaryTagsAreTruncatedOrIgnored() throws IOException {
        String junk = new String(randomBytes(4000), java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = TaggedAudio.file(dir, "hostile", "mp3", Map.of(
                FieldKey.TITLE, "T".repeat(1_000_000),
                FieldKey.ARTIST, junk,
                FieldKey.COMMENT, "c".repeat(10 * 1024 * 1024),
                FieldKey.ALBUM, "Fine Album"));
        assertTrue(Files.size(file) > 10 * 1024 * 1024, "the 10 MB comment is in the file");
        FileTags tags = reader.read(file, "audio/mpeg");
        assertEquals(TagText.MAX_CHARS, tags.title().codePointCount(0, tags.title().length()), "truncated");
        assertTrue(tags.title().endsWith("…"));
        assertNull(tags.artist(), "binary junk is ignored");
        assertEquals("Fine Album", tags.album());
    }

    @Test
    void damagedTagsGiveNothingAndNeverThrow() throws IOException {
        Path file = TaggedAudio.file(dir, "damaged", "mp3", TaggedAudio.standardTags("So What", "Miles"));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(6); // the ID3v2 size: claim far more than the file holds
            raf.write(new byte[] {0x7f, 0x7f, 0x7f, 0x7f});
            raf.seek(20);
            raf.write(randomBytes(200));
        }
        FileTags tags = reader.read(file, "audio/mpeg");
        assertNotNull(tags); // whatever could be read; no exception
        Path garbage = dir.resolve("garbage.flac");
        byte[] bytes = randomBytes(50_000);
        System.arraycopy("fLaC".getBytes(), 0, bytes, 0, 4);
        Files.write(garbage, bytes);
        assertEquals(FileTags.NONE, reader.read(garbage, "audio/flac"));
        assertEquals(FileTags.NONE, reader.read(dir.resolve("missing.mp3"), "audio/mpeg"));
    }

    @Test
    void junkAfterTheLastChunkIsNotParsed() throws IOException {
        // 30 MB of zeros after a tagged WAV: jaudiotagger alone would record a "chunk" per 8 bytes (millions of
        // objects: an out-of-memory in a small heap); only the chunks are handed to it
        Path file = TaggedAudio.file(dir, "padded", "wav", TaggedAudio.standardTags("Padded", "Zeroes"));
        long chunks = Files.size(file);
        try (var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 30; i++) {
                out.write(zeros);
            }
        }
        assertEquals(chunks, RiffExtent.of(file));
        long start = System.nanoTime();
        FileTags tags = reader.read(file, "audio/wav");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals("Padded", tags.title());
        assertEquals("Zeroes", tags.artist());
        assertTrue(Math.abs(tags.durationMillis() - 3000) < 150, "the data chunk's duration: " + tags.durationMillis());
        assertTrue(ms < 3000, "read in " + ms + " ms");
        assertEquals(Files.size(TaggedAudio.file(dir, "plain-aif", "aif", Map.of())),
                RiffExtent.of(dir.resolve("plain-aif.aif")), "a clean AIFF is all chunks");
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }
}
