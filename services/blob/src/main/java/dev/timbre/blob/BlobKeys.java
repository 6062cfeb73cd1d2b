package dev.timbre.blob;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Blob keys: relative slash-separated paths of safe segments (no "..", nothing absolute), the same in every
 * store. A song's audio is {@code songs/<2-char fan-out>/<songId>}: one blob per song id, so a failed
 * registration deletes only its own blob; the fan-out keeps folders small on a shared filesystem and is
 * harmless in a bucket (where the key is prefixed with the configured prefix).
 */
public final class BlobKeys {
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

    /** The key of a song's audio. */
    public static String song(String songId) {
        String prefix = (songId + "__").substring(0, 2).toLowerCase(Locale.ROOT);
        return checked("songs/" + prefix.replaceAll("[^a-z0-9]", "_") + "/" + songId);
    }

    /** Returns {@code key} if it is a valid key, else throws {@link IllegalArgumentException}. */
    public static String checked(String key) {
        if (key == null || !SAFE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid blob key: " + key);
        }
        return key;
    }

    /** Whether {@code text} is a valid key (or key prefix without its trailing slash). */
    public static boolean isValid(String text) {
        return text != null && SAFE_KEY.matcher(text).matches();
    }

    private BlobKeys() {
    }
}
