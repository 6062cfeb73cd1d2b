package dev.timbre.ingest.status;

import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SongCatalogTest {
    private final SongCatalog catalog = new SongCatalog();

    private static SongRegistered registered(String id, String title, long at) {
        return SongRegistered.newBuilder().setSongId(id).setTitle(title).setArtist("A").setAudioUri("file:///x")
                .setContentType("audio/wav").setSizeBytes(1).setReceivedAt(Instant.ofEpochMilli(at)).build();
    }

    private static SongStatus status(String id, SongStage stage, String detail) {
        return SongStatus.newBuilder().setSongId(id).setStage(stage).setDetail(detail).setService("test")
                .setUpdatedAt(Instant.now()).build();
    }

    @Test
    void followsTheLatestStageAndKeepsMetadataAndGenre() {
        catalog.onRegistered(registered("s1", "Blue", 1));
        catalog.onStatus(status("s1", SongStage.REGISTERED, null));
        catalog.onStatus(status("s1", SongStage.FEATURES, "10 windows"));
        catalog.onProfile(SongProfile.newBuilder().setSongId("s1").setGenres(List.of("jazz")).setGenreDistribution(List.of(1f))
                .setTopGenre("jazz").setMeanEmbedding(List.of(0f)).setWindowCount(10).setModelVersion("m")
                .setUpdatedAt(Instant.now()).build());
        catalog.onStatus(status("s1", SongStage.CLASSIFIED, null));

        SongEntry entry = catalog.find("s1").orElseThrow();
        assertEquals("CLASSIFIED", entry.stage());
        assertEquals("Blue", entry.title(), "a profile without a title keeps the registered one");
        assertEquals("jazz", entry.topGenre());
    }

    @Test
    void stagesOnlyMoveForwardSoAReplayedStageAfterACrashIsIgnored() {
        SongCatalog catalog = new SongCatalog();
        for (SongStage stage : List.of(SongStage.REGISTERED, SongStage.FEATURES, SongStage.CLASSIFIED, SongStage.RECOMMENDABLE)) {
            catalog.onStatus(status("s", stage, null));
        }
        // feature-extraction killed before committing its offset processes the song again
        catalog.onStatus(status("s", SongStage.FEATURES, "2 windows"));
        catalog.onStatus(status("s", SongStage.FAILED, "replayed failure"));
        assertEquals("RECOMMENDABLE", catalog.find("s").orElseThrow().stage());
        // a retry after a failure that gets further does apply
        catalog.onStatus(status("f", SongStage.FEATURES, null));
        catalog.onStatus(status("f", SongStage.FAILED, "CORRUPT"));
        assertEquals("FAILED", catalog.find("f").orElseThrow().stage());
        catalog.onStatus(status("f", SongStage.FEATURES, "retried"));
        assertEquals("FEATURES", catalog.find("f").orElseThrow().stage());
    }

    @Test
    void ownRegistrationNeverRewindsAStageTheFeedAlreadyDelivered() {
        catalog.onStatus(status("fast", SongStage.FEATURES, "3 windows"));
        catalog.onOwnRegistration(registered("fast", "Quick", 5), status("fast", SongStage.REGISTERED, null));
        assertEquals("FEATURES", catalog.find("fast").orElseThrow().stage());
        assertEquals("Quick", catalog.find("fast").orElseThrow().title());

        catalog.onOwnRegistration(registered("new", "Fresh", 6), status("new", SongStage.REGISTERED, null));
        assertEquals("REGISTERED", catalog.find("new").orElseThrow().stage());
    }

    @Test
    void listsSongsWithAStageNewestFirstAndForgetsTombstonedOnes() {
        catalog.onRegistered(registered("old", "Old", 1));
        catalog.onStatus(status("old", SongStage.REGISTERED, null));
        catalog.onRegistered(registered("new", "New", 2));
        catalog.onStatus(status("new", SongStage.FAILED, "CORRUPT: bad"));
        catalog.onRegistered(registered("unreported", "No status yet", 3));

        assertEquals(List.of("new", "old"), catalog.list().stream().map(SongEntry::songId).toList());
        assertTrue(catalog.contains("unreported"), "known, so its id cannot be registered twice");
        catalog.onDeleted("old");
        assertFalse(catalog.contains("old"));
    }
}
