package dev.timbre.ingest.metadata;

import java.nio.file.Path;

/**
 * Reads the descriptive tags of an audio file: ID3v1/v2 (MP3), Vorbis comments (Ogg, FLAC), WAV INFO/ID3 chunks,
 * AIFF chunks. Implementations never throw and never take unbounded time: a damaged, hostile or missing tag gives
 * {@link FileTags#NONE} (or the fields that could be read), and the upload goes on without them.
 */
public interface TagReader {
    /**
     * @param file        a local copy of the audio
     * @param contentType the type sniffed from its bytes ({@code audio/mpeg}, {@code audio/flac}, ...), which picks
     *                    the parser; the file name is never trusted
     */
    FileTags read(Path file, String contentType);
}
