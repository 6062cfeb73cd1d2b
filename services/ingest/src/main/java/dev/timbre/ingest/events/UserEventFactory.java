package dev.timbre.ingest.events;

import dev.timbre.ingest.register.Rejection;
import dev.timbre.ingest.register.RejectedRequestException;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Turns a posted user action into a validated {@link UserEvent} with a fresh event id. */
public final class UserEventFactory {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
    /** Clients' clocks drift; an event far in the future is a bug, not a clock skew. */
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private final Clock clock;

    public UserEventFactory(Clock clock) {
        this.clock = clock;
    }

    /** The rule for user ids, wherever one arrives (event paths, recommendation reads). */
    public static void requireValidUserId(String userId) {
        if (userId == null || !ID.matcher(userId).matches()) {
            throw new RejectedRequestException(Rejection.INVALID, "user id must be 1-128 characters of letters, digits, '.', '_', '@' or '-'");
        }
    }

    public UserEvent create(String userId, String songId, String type, Double listenedFraction, Object timestamp) {
        List<String> problems = new ArrayList<>();
        if (userId == null || !ID.matcher(userId).matches()) {
            problems.add("user id must be 1-128 characters of letters, digits, '.', '_', '@' or '-'");
        }
        if (songId == null || songId.isBlank()) {
            problems.add("songId is required");
        } else if (!ID.matcher(songId.strip()).matches()) {
            problems.add("songId is not a valid song id");
        }
        UserEventType eventType = parseType(type, problems);
        if (listenedFraction != null && (listenedFraction.isNaN() || listenedFraction < 0 || listenedFraction > 1)) {
            problems.add("listenedFraction must be between 0 and 1");
        }
        Instant now = clock.instant();
        Instant at = parseTimestamp(timestamp, now, problems);
        if (!problems.isEmpty()) {
            throw new RejectedRequestException(Rejection.INVALID, String.join("; ", problems));
        }
        return UserEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setUserId(userId)
                .setSongId(songId.strip())
                .setType(eventType)
                .setListenedFraction(listenedFraction == null ? null : listenedFraction.floatValue())
                .setTimestamp(at)
                .build();
    }

    private static UserEventType parseType(String type, List<String> problems) {
        if (type == null || type.isBlank()) {
            problems.add("type is required (listened, liked, skipped or unliked)");
            return null;
        }
        try {
            UserEventType parsed = UserEventType.valueOf(type.strip().toUpperCase(Locale.ROOT));
            if (parsed != UserEventType.UNKNOWN) {
                return parsed;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        problems.add("type must be one of listened, liked, skipped, unliked; got '" + type + "'");
        return null;
    }

    private static Instant parseTimestamp(Object timestamp, Instant now, List<String> problems) {
        if (timestamp == null) {
            return now;
        }
        Instant at;
        if (timestamp instanceof Number millis) {
            at = Instant.ofEpochMilli(millis.longValue());
        } else {
            try {
                at = Instant.parse(timestamp.toString().strip());
            } catch (DateTimeParseException e) {
                problems.add("timestamp must be ISO-8601 (e.g. 2024-05-01T12:00:00Z) or epoch milliseconds");
                return now;
            }
        }
        if (at.isAfter(now.plus(MAX_FUTURE))) {
            problems.add("timestamp is in the future");
        }
        return at;
    }
}
