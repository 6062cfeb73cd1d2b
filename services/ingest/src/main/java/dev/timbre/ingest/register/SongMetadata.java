package dev.timbre.ingest.register;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The descriptive part of a registration as the caller gave it, validated. Every field is optional: {@code songId}
 * (a caller may choose a slug, e.g. to make re-registration idempotent on their side; otherwise a UUID is assigned),
 * and title, artist and album, which override the file's own tags (see {@code metadata.ResolvedMetadata}; the file
 * name is the title's last fallback, and an artist nobody names stays unknown).
 */
public record SongMetadata(String songId, String title, String artist, String album) {
    public static final int MAX_TEXT = 200;
    static final Pattern SONG_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Trims the fields and checks them all, reporting every problem at once. */
    public static SongMetadata validated(String songId, String title, String artist, String album) {
        List<String> problems = new ArrayList<>();
        String id = blankToNull(songId);
        if (id != null && !SONG_ID.matcher(id).matches()) {
            problems.add("songId must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        String t = optional("title", title, problems);
        String a = optional("artist", artist, problems);
        String al = optional("album", album, problems);
        if (!problems.isEmpty()) {
            throw new RejectedRequestException(Rejection.INVALID, String.join("; ", problems));
        }
        return new SongMetadata(id, t, a, al);
    }

    private static String optional(String name, String value, List<String> problems) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        } else if (v.length() > MAX_TEXT) {
            problems.add(name + " must be at most " + MAX_TEXT + " characters");
        } else if (v.chars().anyMatch(Character::isISOControl)) {
            problems.add(name + " must not contain control characters");
        }
        return v;
    }

    private static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
