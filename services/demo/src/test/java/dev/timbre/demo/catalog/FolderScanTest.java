package dev.timbre.demo.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderScanTest {
    @TempDir
    Path folder;

    @Test
    void keepsEveryAudioFileByContentAndSaysWhyTheRestIsSkipped() throws Exception {
        TaggedFiles.tagged(folder.resolve("rock/one.mp3"), "mp3", "One", "Band A", "First");
        TaggedFiles.tagged(folder.resolve("deep/er/still/two.flac"), "flac", "Two", "Band B", "Second");
        TaggedFiles.wav(folder.resolve("blues/three.wav"), "blues", 1, 1.0);
        // audio under a misleading name is still audio; a text file named .mp3 is not
        Files.copy(folder.resolve("rock/one.mp3"), folder.resolve("track-without-extension"));
        Files.writeString(folder.resolve("fake.mp3"), "this is not an mp3");
        TaggedFiles.clutter(folder);

        FolderScan.Result scan = FolderScan.scan(folder, List.of("blues", "rock"));
        List<String> songs = scan.songs().stream().map(CatalogSong::fileName).sorted().toList();
        assertEquals(List.of("one.mp3", "three.wav", "track-without-extension", "two.flac"), songs);
        CatalogSong one = scan.songs().stream().filter(s -> s.fileName().equals("one.mp3")).findFirst().orElseThrow();
        assertEquals("rock", one.intendedGenre(), "filed by its folder");
        assertNull(one.title(), "left to the tags");
        assertNull(one.artist(), "no 'Unknown artist' is sent");
        assertEquals(Files.size(folder.resolve("rock/one.mp3")), one.content().length, "read when uploaded");

        Map<String, String> skipped = scan.skipped().stream()
                .collect(Collectors.toMap(s -> s.file().toString(), FolderScan.Skipped::reason));
        assertEquals("not audio: JPEG image", skipped.get("cover.jpg"));
        assertEquals("not audio: text", skipped.get("README.md"));
        assertEquals("not audio: Finder metadata (.DS_Store)", skipped.get(".DS_Store"));
        assertEquals("not audio: text", skipped.get("AUDIO_INFO.tsv"));
        assertEquals("not audio: playlist (text)", skipped.get("favourites.m3u"));
        assertEquals("not audio: empty file", skipped.get("empty.mp3"));
        assertEquals("not audio: text", skipped.get("fake.mp3"));
        assertEquals(7, skipped.size(), skipped::toString);
    }

    @Test
    void aMissingFolderIsAClearError() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> FolderScan.scan(folder.resolve("nope"), List.of()));
        assertTrue(e.getMessage().contains("does not exist"));
    }
}
