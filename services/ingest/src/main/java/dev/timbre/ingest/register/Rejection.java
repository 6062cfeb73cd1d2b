package dev.timbre.ingest.register;

/** Why a request was refused; the API maps each kind to one HTTP status. */
public enum Rejection {
    /** Missing or malformed fields (400). */
    INVALID,
    /** The song id is already taken (409). */
    CONFLICT,
    /** The bytes are not audio in a supported container (415). */
    UNSUPPORTED_MEDIA,
    /** The audio exceeds the upload limit (413). */
    TOO_LARGE,
    /** A referenced source is outside the allowed roots or uses a disallowed scheme (403). */
    FORBIDDEN_SOURCE,
    /** A referenced source could not be read (422). */
    SOURCE_UNAVAILABLE,
    /** The blob store could not take the audio (S3 unreachable, credentials refused ...): retry later (503). */
    STORE_UNAVAILABLE,
    /** An event names a song the catalog does not know (404). */
    UNKNOWN_SONG,
    /** The catalog view is still being read after a start, so "unknown" cannot be told yet (503, retry). */
    CATALOG_LOADING
}
