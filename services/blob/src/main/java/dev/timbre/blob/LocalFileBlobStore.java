package dev.timbre.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Blob store on a local (or shared, e.g. NFS / k8s volume) directory. Writes go to a temporary file in the
 * target directory and are then renamed, so a reader never sees a half-written blob and a crash leaves at
 * most a {@code .part} file behind. The content type is not kept with the file (it travels in
 * {@code SongRegistered}).
 */
public class LocalFileBlobStore implements BlobStore {
    private final Path root;

    public LocalFileBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    public Path root() {
        return root;
    }

    @Override
    public StoredBlob put(String key, InputStream content, long maxBytes, String contentType) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            MessageDigest sha = sha256();
            long written;
            try (InputStream in = new DigestInputStream(content, sha);
                 OutputStream out = Files.newOutputStream(partial)) {
                written = copyLimited(in, out, maxBytes);
            }
            move(partial, target);
            return new StoredBlob(key, target.toUri(), written, HexFormat.of().formatHex(sha.digest()), contentType);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(resolve(key));
    }

    @Override
    public URI uriOf(String key) {
        return BlobUris.file(resolve(key));
    }

    @Override
    public void check() throws BlobStoreException {
        if (!Files.isDirectory(root)) {
            throw new BlobStoreException("blob folder " + root + " does not exist (timbre.blob.root)");
        }
        if (!Files.isWritable(root)) {
            throw new BlobStoreException("blob folder " + root + " is not writable by this process");
        }
    }

    @Override
    public String describe() {
        return BlobUris.file(root).toString();
    }

    private Path resolve(String key) {
        Path path = root.resolve(BlobKeys.checked(key)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("blob key escapes the store root: " + key);
        }
        return path;
    }

    private static long copyLimited(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
