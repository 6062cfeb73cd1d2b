package dev.timbre.ingest.web;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteRangeTest {
    @Test
    void rangesBrowsersSend() {
        assertEquals(Optional.of(new ByteRange(0, 999)), ByteRange.parse("bytes=0-", 1000));
        assertEquals(Optional.of(new ByteRange(100, 199)), ByteRange.parse("bytes=100-199", 1000));
        assertEquals(Optional.of(new ByteRange(900, 999)), ByteRange.parse("bytes=900-5000", 1000), "clipped to the end");
        assertEquals(Optional.of(new ByteRange(990, 999)), ByteRange.parse("bytes=-10", 1000), "suffix");
        assertEquals(Optional.of(new ByteRange(0, 999)), ByteRange.parse("bytes=-5000", 1000));
        assertEquals(Optional.of(new ByteRange(0, 9)), ByteRange.parse("bytes=0-9, 20-29", 1000), "first of several");
        assertEquals("bytes 100-199/1000", new ByteRange(100, 199).contentRange(1000));
        assertEquals(100, new ByteRange(100, 199).length());
    }

    @Test
    void noOrUnusableHeadersMeanTheWholeContent() {
        assertEquals(Optional.empty(), ByteRange.parse(null, 1000));
        assertEquals(Optional.empty(), ByteRange.parse("items=0-1", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=abc", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=5-1", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=-", 1000));
    }

    @Test
    void rangesBeyondTheEndAreUnsatisfiable() {
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=1000-", 1000));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=5000-6000", 1000));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=-0", 1000));
        assertThrows(ByteRange.Unsatisfiable.class, () -> ByteRange.parse("bytes=0-", 0));
    }
}
