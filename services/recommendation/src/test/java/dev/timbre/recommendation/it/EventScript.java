package dev.timbre.recommendation.it;

import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic mix of user events: likes, full and partial listens, skips, unlikes, replayed
 * eventIds (redeliveries) and a few invalid ones. Every user ends with a like, so that every final
 * list is personalised (cold-start lists also depend on the asynchronously shared like counts).
 */
final class EventScript {

    private EventScript() {
    }

    static List<UserEvent> generate(long seed, int users, int events, int songs, Instant start) {
        Random r = new Random(seed);
        List<UserEvent> out = new ArrayList<>();
        Map<String, Set<String>> liked = new HashMap<>();
        long t = start.toEpochMilli();
        for (int i = 0; i < events; i++) {
            t += 1000 + r.nextInt(5000);
            String user = "user-" + r.nextInt(users);
            double p = r.nextDouble();
            if (p < 0.08 && !out.isEmpty()) {
                out.add(out.get(r.nextInt(out.size()))); // redelivery of an earlier event
                continue;
            }
            String song = "song-" + r.nextInt(songs);
            UserEventType type;
            Float fraction = null;
            Set<String> likes = liked.computeIfAbsent(user, u -> new LinkedHashSet<>());
            if (p < 0.10) {
                type = UserEventType.LISTENED;
                fraction = 1.7f; // invalid: dead-lettered
            } else if (p < 0.40) {
                type = UserEventType.LIKED;
                likes.add(song);
            } else if (p < 0.70) {
                type = UserEventType.LISTENED;
                fraction = r.nextFloat();
            } else if (p < 0.88) {
                type = UserEventType.SKIPPED;
                fraction = r.nextFloat() * 0.3f;
            } else if (!likes.isEmpty()) {
                type = UserEventType.UNLIKED;
                song = likes.iterator().next();
                likes.remove(song);
            } else {
                type = UserEventType.LIKED;
                likes.add(song);
            }
            out.add(event(user, song, type, fraction, t, "e-" + i));
        }
        for (int u = 0; u < users; u++) {
            t += 1000;
            out.add(event("user-" + u, "song-" + r.nextInt(songs), UserEventType.LIKED, null, t, "final-" + u));
        }
        return out;
    }

    private static UserEvent event(String user, String song, UserEventType type, Float fraction, long t, String id) {
        return UserEvent.newBuilder().setEventId(id).setUserId(user).setSongId(song).setType(type)
                .setListenedFraction(fraction).setTimestamp(Instant.ofEpochMilli(t)).build();
    }
}
