package dev.timbre.classification.profile;

import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SongAccumulatorTest {

    @Test
    void meansTheWindowsDistributionsAndEmbeddings() {
        var first = Predictions.of("s", 0, 3, 5, 0.9f, 1f, 100);
        SongAccumulator acc = SongAccumulator.startingWith(first);
        assertEquals(SongAccumulator.Outcome.ADDED, acc.add(first));
        assertEquals(SongAccumulator.Outcome.ADDED, acc.add(Predictions.of("s", 1, 3, 5, 0.6f, 2f, 300)));
        assertEquals(SongAccumulator.Outcome.ADDED, acc.add(Predictions.of("s", 2, 3, 6, 0.9f, 6f, 200)));

        float[] mean = acc.meanProbabilities();
        // the windows' mean log-probability, renormalised: jazz (5) wins though one window is sure of metal (6)
        double[][] rows = {Predictions.row(5, 0.9), Predictions.row(5, 0.6), Predictions.row(6, 0.9)};
        assertEquals(Predictions.geometricShare(5, rows), mean[5], 1e-6);
        assertEquals(Predictions.geometricShare(6, rows), mean[6], 1e-6);
        float sum = 0;
        for (float m : mean) {
            sum += m;
        }
        assertEquals(1f, sum, 1e-5, "a renormalised geometric mean is a distribution");
        assertEquals("jazz", acc.topGenre());
        float[] emb = acc.meanEmbedding();
        assertEquals(3f, emb[0], 1e-6);       // (1 + 2 + 6) / 3
        assertEquals(3f + 63, emb[63], 1e-5);
        assertTrue(acc.isComplete());
        assertEquals(3, acc.windowCount());
    }

    @Test
    void countsARedeliveredWindowOnce() {
        var w0 = Predictions.of("s", 0, 2, 1, 0.8f, 1f, 1);
        SongAccumulator acc = SongAccumulator.startingWith(w0);
        acc.add(w0);
        float[] before = acc.meanProbabilities();
        assertEquals(SongAccumulator.Outcome.DUPLICATE, acc.add(w0));
        assertEquals(SongAccumulator.Outcome.DUPLICATE, acc.add(Predictions.of("s", 0, 2, 7, 0.99f, 50f, 2)));
        assertArrayEquals(before, acc.meanProbabilities());
        assertEquals(1, acc.windowCount());
        assertFalse(acc.isComplete(), "one of two windows, however often it came");
    }

    @Test
    void ignoresAWindowWithAnotherOutputLayout() {
        var w0 = Predictions.of("s", 0, 2, 1, 0.8f, 1f, 1);
        SongAccumulator acc = SongAccumulator.startingWith(w0);
        acc.add(w0);
        var odd = Predictions.of("s", 1, 2, 1, 0.8f, 1f, 1);
        odd.setEmbedding(odd.getEmbedding().subList(0, 32));
        assertEquals(SongAccumulator.Outcome.INCOMPATIBLE, acc.add(odd));
        assertEquals(1, acc.windowCount());
    }

    @Test
    void profileCarriesTheSongsMetadataAndLatestPredictionTime() {
        var w0 = Predictions.of("s", 0, 2, 3, 0.7f, 0f, 500);
        SongAccumulator acc = SongAccumulator.startingWith(w0);
        acc.add(w0);
        acc.add(Predictions.of("s", 1, 2, 3, 0.5f, 0f, 400));
        SongRegistered song = SongRegistered.newBuilder().setSongId("s").setTitle("Stayin' Alive")
                .setArtist("Bee Gees").setAlbum("Saturday Night Fever").setAudioUri("file:///x.wav")
                .setContentType("audio/wav").setSizeBytes(1).setReceivedAt(Instant.EPOCH)
                .setSource(SongSource.UPLOAD).build();
        SongProfile p = acc.toProfile(song);
        assertEquals("Stayin' Alive", p.getTitle());
        assertEquals("Bee Gees", p.getArtist());
        assertEquals("Saturday Night Fever", p.getAlbum());
        assertEquals("disco", p.getTopGenre());
        assertEquals(2, p.getWindowCount());
        assertEquals(2, p.getExpectedWindows());
        assertEquals(Instant.ofEpochMilli(500), p.getUpdatedAt());
        assertEquals(Predictions.GENRES, p.getGenres());
        assertEquals(64, p.getMeanEmbedding().size());
        assertNull(acc.toProfile(null).getTitle(), "unknown song: no metadata, still a profile");
    }

    @Test
    void survivesTheStateStoreRoundTrip() {
        var w0 = Predictions.of("s", 0, 40, 2, 0.7f, 3f, 9);
        SongAccumulator acc = SongAccumulator.startingWith(w0);
        acc.add(w0);
        acc.add(Predictions.of("s", 33, 40, 4, 0.6f, 1f, 11));
        SongAccumulator back = SongAccumulatorSerde.read(SongAccumulatorSerde.write(acc));
        assertEquals(acc.toProfile(null), back.toProfile(null));
        assertEquals(SongAccumulator.Outcome.DUPLICATE, back.add(Predictions.of("s", 33, 40, 4, 0.6f, 1f, 11)),
                "the seen-window set survives too");
    }
}
