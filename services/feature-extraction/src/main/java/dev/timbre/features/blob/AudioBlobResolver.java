package dev.timbre.features.blob;

import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Read side of ingest's blob store: maps a {@code SongRegistered.audioUri} to something the analyzer can
 * read. Only {@code file:} (local or shared volume) exists today; an {@code s3:} store would add a branch
 * that downloads to a temporary file, since decoders need random access for some formats.
 */
@Singleton
public class AudioBlobResolver {

    public Path resolve(String audioUri) throws BlobUnavailableException {
        URI uri;
        try {
            uri = new URI(audioUri);
        } catch (URISyntaxException | NullPointerException e) {
            throw new BlobUnavailableException("invalid audio URI '" + audioUri + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("file")) {
            throw new BlobUnavailableException("unsupported blob scheme '" + scheme + "' in " + audioUri);
        }
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new BlobUnavailableException("invalid file URI " + audioUri + ": " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(path)) {
            throw new BlobUnavailableException("audio not found at " + audioUri);
        }
        if (!Files.isReadable(path)) {
            throw new BlobUnavailableException("audio at " + audioUri + " is not readable");
        }
        return path;
    }
}
