package dev.timbre.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbre.demo.catalog.CatalogSong;
import dev.timbre.demo.catalog.DemoCatalog;
import dev.timbre.demo.catalog.FolderScan;
import dev.timbre.demo.catalog.TaggedFiles;
import dev.timbre.demo.launch.ApiKeys;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --catalog} on a messy folder, against the running system: every audio file is ingested with the
 * metadata of its own tags, the clutter is skipped with reasons, and files ingest refuses or that cannot be read
 * are reported without stopping the run.
 */
@ExtendWith(KafkaPlatformExtension.class)
class CatalogFolderEndToEndIT {
    @TempDir
    Path folder;

    @Test
    void aMessyFolderIsIngestedWithItsTagsAndOneBadFileNeverStopsTheRun() throws Exception {
        RunningSystem system = RunningSystem.get();
        String run = UUID.randomUUID().toString().substring(0, 6);
        TaggedFiles.tagged(folder.resolve("rock/a.mp3"), "mp3", "Anthem " + run, "The Testers", "Loud Album");
        TaggedFiles.tagged(folder.resolve("jazz/sub/b.flac"), "flac", "Ballad " + run, "Trio Test", "Quiet Album");
        TaggedFiles.wav(folder.resolve("blues/Slow_Blues_" + run + ".wav"), "blues", 3, 6.0);
        TaggedFiles.clutter(folder);

        FolderScan.Result scan = DemoCatalog.fromFolder(folder, RunningSystem.MODEL_GENRES);
        assertEquals(3, scan.songs().size(), scan::toString);
        assertEquals(6, scan.skipped().size(), scan::toString);

        // sorted by path: blues/…wav, jazz/sub/b.flac, rock/a.mp3; one file ingest refuses (415: its content is not audio) and one that vanished after the scan
        List<CatalogSong> songs = new ArrayList<>(scan.songs());
        songs.add(1, new CatalogSong("notes.txt", "plain text, not audio".getBytes(StandardCharsets.UTF_8),
                null, null, null, null));
        Path vanishing = TaggedFiles.wav(folder.resolve("vanishing.wav"), "blues", 4, 1.0);
        songs.add(new CatalogSong("vanishing.wav", null, null, null, null, null, vanishing));
        Files.delete(vanishing);

        List<String> lines = new ArrayList<>();
        DemoSession session = new DemoSession(system.ingest, system.keys, line -> {
            lines.add(line);
            System.out.println("[catalog-e2e] " + line);
        });
        session.printSkipped(scan.skipped());
        DemoSession.Ingested result = session.ingestAll(songs, Duration.ofMinutes(5));

        assertEquals(3, result.ids().size(), "every audio file was ingested: " + result.rejected());
        assertEquals(2, result.rejected().size());
        assertTrue(result.rejected().get(0).reason().startsWith("HTTP 415 unsupported_media"), result.rejected()::toString);
        assertTrue(result.rejected().get(1).reason().contains("vanishing.wav"), result.rejected()::toString);
        String output = String.join("\n", lines);
        assertTrue(output.contains("Skipped 6 files that are not audio"), output);
        assertTrue(output.contains("JPEG image") && output.contains("cover.jpg"), output);
        assertTrue(output.contains("refused: notes.txt (HTTP 415"), output);
        assertTrue(output.contains("uploaded 5/5 (2 refused)"), "the upload progress bar: " + output);

        JsonNode catalog = system.ingest.catalog(system.keys.of(ApiKeys.ADMIN)).orThrow("catalog");
        assertEquals("The Testers", field(catalog, result.ids().get(2), "artist"));
        assertEquals("Anthem " + run, field(catalog, result.ids().get(2), "title"));
        assertEquals("Loud Album", field(catalog, result.ids().get(2), "album"));
        assertEquals("Trio Test", field(catalog, result.ids().get(1), "artist"), "the FLAC's Vorbis comment");
        assertEquals("Ballad " + run, field(catalog, result.ids().get(1), "title"));
        assertEquals("Slow Blues " + run, field(catalog, result.ids().get(0), "title"), "untagged: its file name");
        assertEquals("null", field(catalog, result.ids().get(0), "artist"), "an unknown artist, not 'Unknown artist'");
    }

    private static String field(JsonNode catalog, String songId, String name) {
        for (JsonNode song : catalog) {
            if (songId.equals(song.path("songId").asText())) {
                return song.path(name).isNull() || song.path(name).isMissingNode() ? "null" : song.path(name).asText();
            }
        }
        throw new AssertionError("song " + songId + " not in the catalog");
    }
}
