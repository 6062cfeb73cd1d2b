package dev.timbre.recommendation.taste;

import dev.timbre.recommendation.catalog.SongEntry;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;

/**
 * How one user event moves a taste: a time-decayed weighted mean of song embeddings and genre
 * distributions. Weights: like (3) > full listen (1) > partial listen (0.8 × fraction); a skip pushes
 * away (−0.5 … −1, stronger when skipped early); an unlike subtracts exactly what its like added.
 */
public final class TasteModel {

    static final double LIKE = 3.0;
    static final double FULL_LISTEN = 1.0;
    static final double PARTIAL_LISTEN_PER_FRACTION = 0.8;
    static final double FULL_LISTEN_FRACTION = 0.9;
    static final double SKIP_MIN = 0.5;

    private final java.util.function.IntSupplier dimensions;
    private final double halfLifeMs;
    private final int recentLikes;
    private final int maxHistory;

    public TasteModel(int dimensions, long halfLifeMs, int recentLikes) {
        this(dimensions, halfLifeMs, recentLikes, Integer.MAX_VALUE);
    }

    /**
     * @param maxHistory bound of each of the heard, skipped and liked sets: past it the oldest entry is
     *                   forgotten (it may be recommended again; a forgotten like can no longer be unliked)
     */
    public TasteModel(int dimensions, long halfLifeMs, int recentLikes, int maxHistory) {
        this(() -> dimensions, halfLifeMs, recentLikes, maxHistory);
    }

    /** @param dimensions the catalog's embedding size (learned from the first profile; 0 before) */
    public TasteModel(java.util.function.IntSupplier dimensions, long halfLifeMs, int recentLikes, int maxHistory) {
        this.dimensions = dimensions;
        this.halfLifeMs = halfLifeMs;
        this.recentLikes = recentLikes;
        this.maxHistory = maxHistory;
    }

    private void bound(java.util.Collection<String> oldestFirst) {
        if (oldestFirst.size() > maxHistory) {
            var it = oldestFirst.iterator();
            for (int over = oldestFirst.size() - maxHistory; over > 0; over--) {
                it.next();
                it.remove();
            }
        }
    }

    /** A user's starting state. */
    public TasteState empty() {
        return new TasteState(dimensions.getAsInt());
    }

    /**
     * Applies a validated event. {@code song} is null when the song has no profile yet: the event
     * is kept in the history (exclusions, likes) but cannot move the vector.
     *
     * @return the change of the song's like count: +1, −1 or 0
     */
    public int apply(TasteState s, UserEvent e, SongEntry song) {
        long t = e.getTimestamp().toEpochMilli();
        String songId = e.getSongId();
        s.events++;
        if (song == null) {
            s.unresolvedEvents++;
        }
        switch (e.getType()) {
            case LIKED -> {
                s.heard.add(songId);
                bound(s.heard);
                if (s.liked.containsKey(songId)) {
                    return 0; // liking twice is one like
                }
                double w = song == null ? 0 : LIKE;
                add(s, song, w, t, true);
                s.liked.put(songId, new TasteState.Like(t, w));
                bound(s.liked.keySet());
                s.recentLikes.remove(songId);
                s.recentLikes.add(0, songId);
                while (s.recentLikes.size() > recentLikes) {
                    s.recentLikes.remove(s.recentLikes.size() - 1);
                }
                return 1;
            }
            case UNLIKED -> {
                TasteState.Like like = s.liked.remove(songId);
                s.recentLikes.remove(songId);
                if (like == null) {
                    return 0;
                }
                if (song != null && like.weight != 0) {
                    add(s, song, -like.weight, like.at, true);
                }
                return -1;
            }
            case LISTENED -> {
                s.heard.add(songId);
                bound(s.heard);
                add(s, song, listenWeight(e.getListenedFraction()), t, true);
                return 0;
            }
            case SKIPPED -> {
                s.skipped.add(songId);
                bound(s.skipped);
                add(s, song, skipWeight(e.getListenedFraction()), t, false);
                return 0;
            }
            default -> throw new IllegalArgumentException("event type " + e.getType() + " is not applicable");
        }
    }

    /** True when the taste carries positive signal to rank by; otherwise the user gets a cold start. */
    public static boolean usable(TasteState s) {
        if (s.positiveWeight <= 1e-6 || s.vector == null) {
            return false;
        }
        double n = 0;
        for (double x : s.vector) {
            n += x * x;
        }
        return n > 1e-12;
    }

    static double listenWeight(Float fraction) {
        if (fraction == null || fraction >= FULL_LISTEN_FRACTION) {
            return FULL_LISTEN;
        }
        return PARTIAL_LISTEN_PER_FRACTION * fraction;
    }

    static double skipWeight(Float fraction) {
        double f = fraction == null ? 0 : fraction;
        return -(SKIP_MIN + (1 - SKIP_MIN) * (1 - f));
    }

    /**
     * Adds {@code w × song} at event time {@code t}, decaying whichever side is older. {@code signal}:
     * whether the weight counts as (or, negative, withdraws) positive evidence of taste; skips only push.
     */
    private void add(TasteState s, SongEntry song, double w, long t, boolean signal) {
        if (t > s.clock) {
            double f = s.clock == 0 ? 1 : decay(t - s.clock); // first event: nothing to decay yet
            for (int i = 0; i < s.vector.length; i++) {
                s.vector[i] *= f;
            }
            s.positiveWeight *= f;
            s.genres.replaceAll((g, x) -> x * f);
            s.clock = t;
        }
        if (song == null || w == 0) {
            return;
        }
        float[] emb = song.embedding();
        if (s.vector.length != emb.length) {
            boolean empty = true;
            for (double x : s.vector) {
                empty &= x == 0;
            }
            if (!empty) {
                return; // a taste built from songs of another embedding size: cannot be mixed
            }
            s.vector = new double[emb.length]; // created before the catalog knew its size
        }
        double ew = w * decay(s.clock - t);
        for (int i = 0; i < s.vector.length; i++) {
            s.vector[i] += ew * emb[i];
        }
        if (signal) {
            s.positiveWeight += ew;
        }
        float[] dist = song.genreDistribution();
        double total = 0;
        for (float p : dist) {
            total += p;
        }
        if (total > 0) {
            for (int i = 0; i < dist.length; i++) {
                if (dist[i] > 0) {
                    s.genres.merge(song.genres().get(i), ew * dist[i] / total, Double::sum);
                }
            }
        } else {
            s.genres.merge(song.topGenre(), ew, Double::sum);
        }
    }

    private double decay(long dtMs) {
        return Math.pow(0.5, dtMs / halfLifeMs);
    }
}
