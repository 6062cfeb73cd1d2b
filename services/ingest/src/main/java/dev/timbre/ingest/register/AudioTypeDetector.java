package dev.timbre.ingest.register;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Decides from the bytes, never from a file name or a client's Content-Type, what audio format a file is. */
public interface AudioTypeDetector {

    /** The MIME type (e.g. {@code audio/wav}) when the content is a supported audio format; empty otherwise. */
    Optional<String> detect(InputStream content) throws IOException;
}
