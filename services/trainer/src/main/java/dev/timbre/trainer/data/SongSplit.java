package dev.timbre.trainer.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Train / validation / test partition by SONG: every window of a song lands in the same part, so no
 * window of a held-out song is ever seen in training (windows of one song are strongly correlated, a
 * window-level split would overstate accuracy). Stratified per genre and seeded.
 */
public record SongSplit(List<Song> train, List<Song> validation, List<Song> test) {

    public SongSplit {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
        assertDisjoint(train, validation, test);
    }

    /**
     * The data's own parts ({@link Song#part()}: train / valid / test folders). Validation is required (model
     * selection and early stopping use it); test may be empty (withheld).
     */
    public static SongSplit byParts(List<Song> songs) {
        List<Song> train = songs.stream().filter(s -> s.part().equals(DataDiscovery.Part.TRAIN.label())).toList();
        List<Song> val = songs.stream().filter(s -> s.part().equals(DataDiscovery.Part.VALID.label())).toList();
        List<Song> test = songs.stream().filter(s -> s.part().equals(DataDiscovery.Part.TEST.label())).toList();
        if (train.isEmpty() || val.isEmpty()) {
            throw new IllegalArgumentException("the folder split needs decodable songs in train/ and valid/: found "
                    + train.size() + " train, " + val.size() + " valid, " + test.size() + " test");
        }
        return new SongSplit(train, val, test);
    }

    /**
     * Splits each genre's songs with the given fractions (test gets the rest). Every genre with at least
     * three songs contributes at least one song to validation and one to test.
     */
    public static SongSplit of(List<Song> songs, double trainFraction, double validationFraction, long seed) {
        if (trainFraction <= 0 || validationFraction <= 0 || trainFraction + validationFraction >= 1) {
            throw new IllegalArgumentException("fractions must be positive and leave room for a test part");
        }
        Map<Integer, List<Song>> byGenre = new TreeMap<>();
        for (Song s : songs) {
            byGenre.computeIfAbsent(s.genre(), g -> new ArrayList<>()).add(s);
        }
        List<Song> train = new ArrayList<>();
        List<Song> val = new ArrayList<>();
        List<Song> test = new ArrayList<>();
        for (Map.Entry<Integer, List<Song>> e : byGenre.entrySet()) {
            List<Song> g = new ArrayList<>(e.getValue());
            g.sort((a, b) -> a.id().compareTo(b.id()));   // input order must not matter, only the seed
            // SplittableRandom scrambles the seed: java.util.Random's first draws are correlated for nearby seeds
            Collections.shuffle(g, new Random(new SplittableRandom(seed * 31 + e.getKey()).nextLong()));
            int n = g.size();
            int nVal = (int) Math.round(n * validationFraction);
            int nTest = n - (int) Math.round(n * trainFraction) - nVal;
            if (n >= 3) {
                nVal = Math.max(1, nVal);
                nTest = Math.max(1, nTest);
            }
            int nTrain = n - nVal - nTest;
            train.addAll(g.subList(0, nTrain));
            val.addAll(g.subList(nTrain, nTrain + nVal));
            test.addAll(g.subList(nTrain + nVal, n));
        }
        return new SongSplit(train, val, test);
    }

    /** Fails if any song id (hence any of its windows) appears in two parts. */
    public static void assertDisjoint(List<Song> train, List<Song> validation, List<Song> test) {
        Set<String> seen = new HashSet<>();
        for (List<Song> part : List.of(train, validation, test)) {
            Set<String> ids = new HashSet<>();
            for (Song s : part) {
                ids.add(s.id());
            }
            for (String id : ids) {
                if (!seen.add(id)) {
                    throw new IllegalStateException("song " + id + " appears in more than one split part");
                }
            }
        }
    }

    public int windows(List<Song> part) {
        return part.stream().mapToInt(s -> s.windows().size()).sum();
    }
}
