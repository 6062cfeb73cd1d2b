package dev.timbre.recommendation.catalog;

import dev.timbre.recommendation.candidates.CandidateIndex;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every recommendable song, held by each instance (fed from global stores), with its candidate index
 * and its popularity. One per Kafka Streams instance.
 */
public final class Catalog {

    private final int dimensions;
    private final Map<String, SongEntry> songs = new ConcurrentHashMap<>();
    private final CandidateIndex index;
    private final Popularity popularity = new Popularity();

    public Catalog(int dimensions, CandidateIndex index) {
        this.dimensions = dimensions;
        this.index = index;
    }

    public int dimensions() {
        return dimensions;
    }

    public void upsert(SongEntry song) {
        songs.put(song.songId(), song);
        index.upsert(song.songId(), song.embedding());
        popularity.setGenre(song.songId(), song.topGenre());
    }

    public void remove(String songId) {
        songs.remove(songId);
        index.remove(songId);
        popularity.removeSong(songId);
    }

    /** The song, or null when no profile has arrived yet. */
    public SongEntry song(String songId) {
        return songs.get(songId);
    }

    public int size() {
        return songs.size();
    }

    public CandidateIndex index() {
        return index;
    }

    public Popularity popularity() {
        return popularity;
    }
}
