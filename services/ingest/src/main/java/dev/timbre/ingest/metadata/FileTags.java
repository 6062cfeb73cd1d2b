package dev.timbre.ingest.metadata;

/**
 * What a file's own tags say about it; every field may be null (no tag, a damaged tag, a field that was junk).
 * Text fields are already cleaned by {@link TagText}: at most {@link TagText#MAX_CHARS} characters, no control
 * characters.
 */
public record FileTags(String title, String artist, String album, Integer year, Integer trackNumber, String genre,
                       Long durationMillis) {
    public static final FileTags NONE = new FileTags(null, null, null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }
}
