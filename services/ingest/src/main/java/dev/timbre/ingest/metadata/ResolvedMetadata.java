package dev.timbre.ingest.metadata;

/**
 * The metadata a song is registered with, after merging the upload's fields, the file's tags and its name.
 *
 * @param titleFrom {@link #FROM_UPLOAD}, {@link #FROM_TAGS} or {@link #FROM_FILE_NAME}
 * @param artist    null when unknown (neither the upload nor the tags name one)
 */
public record ResolvedMetadata(String title, String titleFrom, String artist, String album, Integer year,
                               Integer trackNumber, String genreTag, Long durationMillis) {
    public static final String FROM_UPLOAD = "upload";
    public static final String FROM_TAGS = "tags";
    public static final String FROM_FILE_NAME = "file-name";
    static final String UNTITLED = "Untitled";

    /**
     * Upload fields override tags; the file name is the last fallback for the title (without its extension, folders
     * or a leading track number, underscores as spaces), then "Untitled".
     */
    public static ResolvedMetadata resolve(String uploadTitle, String uploadArtist, String uploadAlbum, FileTags tags,
                                           String fileName) {
        FileTags t = tags == null ? FileTags.NONE : tags;
        String title;
        String from;
        if (uploadTitle != null) {
            title = uploadTitle;
            from = FROM_UPLOAD;
        } else if (t.title() != null) {
            title = t.title();
            from = FROM_TAGS;
        } else {
            String name = titleFromFileName(fileName);
            title = name != null ? name : UNTITLED;
            from = FROM_FILE_NAME;
        }
        return new ResolvedMetadata(title, from, uploadArtist != null ? uploadArtist : t.artist(),
                uploadAlbum != null ? uploadAlbum : t.album(), t.year(), t.trackNumber(), t.genre(), t.durationMillis());
    }

    /** "Music/01 - So_What.mp3" → "So What"; null when nothing is left. */
    static String titleFromFileName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        base = base.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
        String withoutTrack = base.replaceFirst("^\\d{1,3}\\s*[-._ ]\\s*(?=\\S)", "");
        String text = TagText.clean((withoutTrack.isBlank() ? base : withoutTrack).replace('_', ' '));
        return text;
    }
}
