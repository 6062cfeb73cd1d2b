package dev.timbre.trainer.data;

import dev.timbre.audio.features.WindowTensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SongSplitTest {

    private static List<Song> songs(int genres, int perGenre, int windows) {
        List<Song> songs = new ArrayList<>();
        for (int g = 0; g < genres; g++) {
            for (int i = 0; i < perGenre; i++) {
                List<WindowTensor> w = new ArrayList<>();
                for (int k = 0; k < windows; k++) {
                    w.add(new WindowTensor(k, 3.0 * k, new float[] {g, i, k}, new float[0]));   // content identifies its song
                }
                songs.add(new Song("g" + g + "-s" + i, g, w));
            }
        }
        return songs;
    }

    @Test
    void noWindowOfAHeldOutSongIsInTraining() {
        SongSplit split = SongSplit.of(songs(10, 10, 5), 0.7, 0.15, 7);
        Set<String> trainWindows = new HashSet<>();
        for (Song s : split.train()) {
            for (WindowTensor t : s.windows()) {
                trainWindows.add((int) t.mfcc()[0] + "/" + (int) t.mfcc()[1]);
            }
        }
        for (List<Song> heldOut : List.of(split.validation(), split.test())) {
            for (Song s : heldOut) {
                for (WindowTensor t : s.windows()) {
                    assertTrue(!trainWindows.contains((int) t.mfcc()[0] + "/" + (int) t.mfcc()[1]), "window of " + s.id() + " leaked into training");
                }
            }
        }
        assertEquals(100, split.train().size() + split.validation().size() + split.test().size());
    }

    @Test
    void everyGenreIsInEveryPartAndProportionsHold() {
        SongSplit split = SongSplit.of(songs(10, 10, 2), 0.7, 0.15, 1);
        for (List<Song> part : List.of(split.train(), split.validation(), split.test())) {
            assertEquals(10, part.stream().map(Song::genre).distinct().count());
        }
        assertEquals(70, split.train().size());
        assertTrue(split.validation().size() >= 10 && split.test().size() >= 10);
    }

    @Test
    void smallGenresStillGetValidationAndTestSongs() {
        SongSplit split = SongSplit.of(songs(3, 3, 1), 0.7, 0.15, 1);
        assertEquals(3, split.train().size());
        assertEquals(3, split.validation().size());
        assertEquals(3, split.test().size());
    }

    @Test
    void deterministicForASeedAndIndependentOfInputOrder() {
        List<Song> songs = songs(10, 8, 1);
        List<Song> reversed = new ArrayList<>(songs);
        Collections.reverse(reversed);
        SongSplit a = SongSplit.of(songs, 0.7, 0.15, 3);
        SongSplit b = SongSplit.of(reversed, 0.7, 0.15, 3);
        assertEquals(ids(a.test()), ids(b.test()));
        assertEquals(ids(a.validation()), ids(b.validation()));
        SongSplit c = SongSplit.of(songs, 0.7, 0.15, 4);
        assertTrue(!ids(a.test()).equals(ids(c.test())), "another seed should give another split");
    }

    @Test
    void overlappingPartsAreRejected() {
        List<Song> s = songs(1, 3, 1);
        assertThrows(IllegalStateException.class,
                () -> new SongSplit(List.of(s.get(0), s.get(1)), List.of(s.get(1)), List.of(s.get(2))));
    }

    private static Set<String> ids(List<Song> songs) {
        Set<String> ids = new HashSet<>();
        songs.forEach(s -> ids.add(s.id()));
        return ids;
    }
}
