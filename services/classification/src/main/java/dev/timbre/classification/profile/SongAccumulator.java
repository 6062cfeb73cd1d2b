package dev.timbre.classification.profile;

import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.classification.WindowPrediction;
import dev.timbre.schema.song.SongRegistered;

import dev.timbre.model.SongAggregation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Running sums of one song's window predictions (log-probabilities and embeddings). Remembers which window indices it has seen, so a
 * redelivered prediction (at-least-once upstream, a replayed topic) is counted once: the profile is the
 * same however often each window arrives.
 */
public final class SongAccumulator {

    private final String songId;
    private final List<String> genres;
    private final double[] logProbabilitySums;
    private final double[] embeddingSums;
    private final BitSet seenWindows;
    private int expectedWindows;
    private String modelVersion;
    private long lastPredictedAtMillis;

    SongAccumulator(String songId, List<String> genres, double[] logProbabilitySums, double[] embeddingSums,
                    BitSet seenWindows, int expectedWindows, String modelVersion, long lastPredictedAtMillis) {
        this.songId = Objects.requireNonNull(songId);
        this.genres = List.copyOf(genres);
        this.logProbabilitySums = logProbabilitySums;
        this.embeddingSums = embeddingSums;
        this.seenWindows = seenWindows;
        this.expectedWindows = expectedWindows;
        this.modelVersion = modelVersion;
        this.lastPredictedAtMillis = lastPredictedAtMillis;
    }

    /** An empty accumulator shaped after the song's first prediction. */
    public static SongAccumulator startingWith(WindowPrediction first) {
        return new SongAccumulator(first.getSongId(), first.getGenres(),
                new double[first.getProbabilities().size()], new double[first.getEmbedding().size()],
                new BitSet(), first.getWindowCount(), first.getModelVersion(), Long.MIN_VALUE);
    }

    /** What {@link #add} did with a prediction. */
    public enum Outcome {
        /** Counted. */
        ADDED,
        /** Its window was already counted (redelivery): ignored. */
        DUPLICATE,
        /** Its vectors do not fit this song's (another model's output layout): ignored. */
        INCOMPATIBLE
    }

    public Outcome add(WindowPrediction p) {
        int index = p.getWindowIndex();
        if (index < 0 || seenWindows.get(index)) {
            return index < 0 ? Outcome.INCOMPATIBLE : Outcome.DUPLICATE;
        }
        if (p.getProbabilities().size() != logProbabilitySums.length
                || p.getEmbedding().size() != embeddingSums.length) {
            return Outcome.INCOMPATIBLE;
        }
        for (int i = 0; i < logProbabilitySums.length; i++) {
            logProbabilitySums[i] += SongAggregation.logProbability(p.getProbabilities().get(i));
        }
        for (int i = 0; i < embeddingSums.length; i++) {
            embeddingSums[i] += p.getEmbedding().get(i);
        }
        seenWindows.set(index);
        // The extractor announces the count with every window; the latest announcement wins.
        expectedWindows = p.getWindowCount();
        modelVersion = p.getModelVersion();
        // Taken from the data, not the wall clock, so a replay builds the identical profile.
        lastPredictedAtMillis = Math.max(lastPredictedAtMillis, p.getPredictedAt().toEpochMilli());
        return Outcome.ADDED;
    }

    public int windowCount() {
        return seenWindows.cardinality();
    }

    public boolean isComplete() {
        return expectedWindows > 0 && windowCount() >= expectedWindows;
    }

    /** The song's genre distribution: its windows' mean log-probability, renormalised ({@link SongAggregation}). */
    public float[] meanProbabilities() {
        return SongAggregation.distribution(logProbabilitySums, windowCount());
    }

    public float[] meanEmbedding() {
        return mean(embeddingSums);
    }

    /** The genre with the highest mean probability (the first one on ties). */
    public String topGenre() {
        float[] mean = meanProbabilities();
        int best = 0;
        for (int i = 1; i < mean.length; i++) {
            if (mean[i] > mean[best]) {
                best = i;
            }
        }
        return genres.isEmpty() ? "" : genres.get(best);
    }

    /**
     * The profile, with title/artist/album from the song's registration when known; {@code updatedAt} is
     * the latest prediction time.
     */
    public SongProfile toProfile(SongRegistered song) {
        return SongProfile.newBuilder()
                .setSongId(songId)
                .setTitle(song == null ? null : song.getTitle())
                .setArtist(song == null ? null : song.getArtist())
                .setAlbum(song == null ? null : song.getAlbum())
                .setGenres(new ArrayList<>(genres))
                .setGenreDistribution(boxed(meanProbabilities()))
                .setTopGenre(topGenre())
                .setMeanEmbedding(boxed(meanEmbedding()))
                .setWindowCount(windowCount())
                .setExpectedWindows(expectedWindows)
                .setModelVersion(modelVersion)
                .setUpdatedAt(Instant.ofEpochMilli(lastPredictedAtMillis))
                .build();
    }

    private float[] mean(double[] sums) {
        int n = windowCount();
        float[] out = new float[sums.length];
        for (int i = 0; i < sums.length && n > 0; i++) {
            out[i] = (float) (sums[i] / n);
        }
        return out;
    }

    private static List<Float> boxed(float[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (float v : values) {
            out.add(v);
        }
        return out;
    }

    public String songId() {
        return songId;
    }

    List<String> genres() {
        return genres;
    }

    double[] logProbabilitySums() {
        return logProbabilitySums;
    }

    double[] embeddingSums() {
        return embeddingSums;
    }

    BitSet seenWindows() {
        return seenWindows;
    }

    int expectedWindows() {
        return expectedWindows;
    }

    String modelVersion() {
        return modelVersion;
    }

    long lastPredictedAtMillis() {
        return lastPredictedAtMillis;
    }
}
