package dev.timbre.ingest.register;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SongMetadataTest {

    @Test
    void trimsAndKeepsOptionalFieldsOptional() {
        SongMetadata m = SongMetadata.validated(null, "  So What ", "Miles Davis", "  ");
        assertEquals("So What", m.title());
        assertEquals("Miles Davis", m.artist());
        assertNull(m.album());
        assertNull(m.songId());
        assertEquals("kind-of-blue.01", SongMetadata.validated("kind-of-blue.01", "t", "a", null).songId());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        RejectedRequestException e = assertThrows(RejectedRequestException.class,
                () -> SongMetadata.validated("../etc", "t\u0000", "a".repeat(201), "x".repeat(201)));
        assertEquals(Rejection.INVALID, e.rejection());
        assertTrue(e.getMessage().contains("songId"));
        assertTrue(e.getMessage().contains("title must not contain control characters"));
        assertTrue(e.getMessage().contains("artist must be at most"));
        assertTrue(e.getMessage().contains("album"));
    }

    @Test
    void titleAndArtistAreOptionalTheTagsOrFileNameFillThem() {
        SongMetadata m = SongMetadata.validated(null, " ", null, null);
        assertNull(m.title());
        assertNull(m.artist());
    }

    @Test
    void refusesOverlongAndControlCharacters() {
        assertThrows(RejectedRequestException.class, () -> SongMetadata.validated(null, "x".repeat(201), "a", null));
        assertThrows(RejectedRequestException.class, () -> SongMetadata.validated(null, "a\u0000b", "a", null));
        assertThrows(RejectedRequestException.class, () -> SongMetadata.validated("a".repeat(65), "t", "a", null));
    }

    @Test
    void blobKeysFanOutBySongIdPrefix() {
        assertEquals("songs/ab/abcdef", dev.timbre.blob.BlobKeys.song("abcdef"));
        assertEquals("songs/x_/x", dev.timbre.blob.BlobKeys.song("x"));
        assertEquals("songs/a_/A.b", dev.timbre.blob.BlobKeys.song("A.b"));
    }
}
