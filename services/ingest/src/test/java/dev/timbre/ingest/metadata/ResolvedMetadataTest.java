package dev.timbre.ingest.metadata;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ResolvedMetadataTest {
    private static final FileTags TAGS = new FileTags("Tag Title", "Tag Artist", "Tag Album", 1999, 4, "Rock", 180_000L);

    @Test
    void uploadFieldsOverrideTags() {
        ResolvedMetadata m = ResolvedMetadata.resolve("Mine", "Me", "My Album", TAGS, "file.mp3");
        assertEquals("Mine", m.title());
        assertEquals(ResolvedMetadata.FROM_UPLOAD, m.titleFrom());
        assertEquals("Me", m.artist());
        assertEquals("My Album", m.album());
        assertEquals(1999, m.year(), "what the upload does not say still comes from the tags");
        assertEquals(180_000L, m.durationMillis());
    }

    @Test
    void tagsFillWhatTheUploadLeavesOut() {
        ResolvedMetadata m = ResolvedMetadata.resolve(null, null, null, TAGS, "file.mp3");
        assertEquals("Tag Title", m.title());
        assertEquals(ResolvedMetadata.FROM_TAGS, m.titleFrom());
        assertEquals("Tag Artist", m.artist());
        assertEquals("Tag Album", m.album());
        assertEquals(4, m.trackNumber());
        assertEquals("Rock", m.genreTag());
    }

    @Test
    void theFileNameIsTheLastFallbackAndTheArtistStaysUnknown() {
        ResolvedMetadata m = ResolvedMetadata.resolve(null, null, null, FileTags.NONE, "Music/Jazz/07 - So_What.flac");
        assertEquals("So What", m.title());
        assertEquals(ResolvedMetadata.FROM_FILE_NAME, m.titleFrom());
        assertNull(m.artist());
        assertNull(m.album());
        assertEquals("blues.00012", ResolvedMetadata.titleFromFileName("blues.00012.wav"));
        assertEquals("1999", ResolvedMetadata.titleFromFileName("1999.mp3"), "a title that is only a number stays");
        assertEquals("Untitled", ResolvedMetadata.resolve(null, null, null, null, null).title());
        assertEquals("Untitled", ResolvedMetadata.resolve(null, null, null, null, ".mp3").title());
    }

    @Test
    void tagTextParsing() {
        assertEquals(2003, TagText.year("2003-05-01"));
        assertEquals(1959, TagText.year("Aug 1959"));
        assertNull(TagText.year("12345"));
        assertEquals(3, TagText.trackNumber("03/12"));
        assertNull(TagText.trackNumber("0"));
        assertNull(TagText.trackNumber("three"));
        assertEquals("Jazz", TagText.genre("(8)", id -> id == 8 ? "Jazz" : null));
        assertEquals("Jazz", TagText.genre("8", id -> id == 8 ? "Jazz" : null));
        assertEquals("Bebop", TagText.genre("(8)Bebop", id -> "Jazz"));
        assertNull(TagText.clean("a" + "\u0000".repeat(10) + "b"), "mostly control characters: junk");
        assertEquals("abcdefghijklmnopqrstuvwxyz", TagText.clean("abcdefghijklm\u0000nopqrstuvwxyz"), "a stray NUL is dropped");
        assertEquals("a b", TagText.clean(" a \n b "));
        assertNull(TagText.clean("\uFFFD\uFFFD\uFFFDabc"));
    }
}
