package dev.timbre.recommendation.taste;

import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;

import java.util.Optional;

/** Decides whether a user event can be applied; the reason goes to the dead-letter topic otherwise. */
public final class EventValidator {

    private EventValidator() {
    }

    /** Empty when valid, else why not. {@code key} is the record key, which must be the userId. */
    public static Optional<String> problem(String key, UserEvent e) {
        if (blank(e.getEventId())) {
            return Optional.of("eventId is missing");
        }
        if (blank(e.getUserId())) {
            return Optional.of("userId is missing");
        }
        if (!e.getUserId().equals(key)) {
            return Optional.of("record key '" + key + "' is not the event's userId '" + e.getUserId() + "'");
        }
        if (blank(e.getSongId())) {
            return Optional.of("songId is missing");
        }
        if (e.getType() == null || e.getType() == UserEventType.UNKNOWN) {
            return Optional.of("unknown event type");
        }
        Float f = e.getListenedFraction();
        if (f != null && (f.isNaN() || f < 0f || f > 1f)) {
            return Optional.of("listenedFraction " + f + " is outside 0..1");
        }
        if (e.getTimestamp() == null) {
            return Optional.of("timestamp is missing");
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
