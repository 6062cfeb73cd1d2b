package dev.timbre.audio.decode;

/** Audio formats this library decodes, identified by content (magic bytes), never by file name. */
public enum AudioFormatKind {
    WAV("audio/wav", "wav"),
    AU("audio/basic", "au"),
    AIFF("audio/aiff", "aiff"),
    MP3("audio/mpeg", "mp3"),
    FLAC("audio/flac", "flac"),
    OGG_VORBIS("audio/ogg", "ogg");

    private final String mimeType;
    private final String extension;

    AudioFormatKind(String mimeType, String extension) {
        this.mimeType = mimeType;
        this.extension = extension;
    }

    /** IANA media type to report for this content, e.g. {@code audio/mpeg}. */
    public String mimeType() {
        return mimeType;
    }

    /** Conventional file extension (without dot), for naming stored objects. */
    public String extension() {
        return extension;
    }
}
