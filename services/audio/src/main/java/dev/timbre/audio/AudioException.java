package dev.timbre.audio;

/**
 * The one failure type of this library: the input could not be turned into analysis windows.
 * Unchecked so callers in stream processors can catch it where they dead-letter, not at every call.
 * I/O failures of the caller's own source (file missing, socket reset) are not audio errors and
 * surface as {@link java.io.UncheckedIOException}.
 */
public final class AudioException extends RuntimeException {

    /** Why the audio was rejected; stable names, safe to put in a dead-letter record or HTTP reply. */
    public enum Reason {
        /** Recognised container/codec, but the data inside is invalid. */
        CORRUPT,
        /** The stream ends before the header says it should. */
        TRUNCATED,
        /** No bytes, or a valid header with no samples. */
        EMPTY,
        /** Not one of the supported formats, or a variant of one we do not decode. */
        UNSUPPORTED,
        /** Decoded fine, but shorter than the minimum analysable duration (1 s). */
        TOO_SHORT
    }

    private final Reason reason;

    public AudioException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public AudioException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
