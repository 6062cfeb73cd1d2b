package dev.timbre.demo.catalog;

import dev.timbre.audio.decode.AudioFormatKind;
import dev.timbre.audio.decode.FormatSniffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A walk through a messy music folder: every regular file whose <em>content</em> is audio ingest can decode (sniffed
 * from its first bytes, as ingest does; names and extensions are not trusted) becomes a song, everything else is
 * skipped with a reason (covers, playlists, {@code .DS_Store}, READMEs, {@code AUDIO_INFO.tsv}, unreadable files).
 * Symbolic links are not followed out of the tree.
 */
public final class FolderScan {
    /** A file left out, and why. */
    public record Skipped(Path file, String reason) {
    }

    public record Result(List<CatalogSong> songs, List<Skipped> skipped) {
    }

    private FolderScan() {
    }

    /**
     * @param genres the served model's genres: a file in a folder named like one of them is filed under it (reporting)
     */
    public static Result scan(Path folder, List<String> genres) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("catalog folder does not exist: " + folder);
        }
        List<Path> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        files.add(file);
                    } else if (!attrs.isDirectory()) {
                        skipped.add(new Skipped(folder.relativize(file), "not a regular file"));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    skipped.add(new Skipped(folder.relativize(file), "cannot be read (" + e.getClass().getSimpleName() + ")"));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        files.sort(Comparator.naturalOrder());
        List<CatalogSong> songs = new ArrayList<>();
        for (Path file : files) {
            Path relative = folder.relativize(file);
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(FormatSniffer.HEAD_BYTES);
            } catch (IOException e) {
                skipped.add(new Skipped(relative, "cannot be read (" + e.getMessage() + ")"));
                continue;
            }
            Optional<AudioFormatKind> kind = FormatSniffer.sniff(head);
            if (kind.isEmpty()) {
                skipped.add(new Skipped(relative, "not audio: " + describe(head, file)));
                continue;
            }
            String parent = file.getParent().getFileName().toString().toLowerCase(Locale.ROOT);
            songs.add(new CatalogSong(file.getFileName().toString(), null, null, null, null,
                    genres.contains(parent) ? parent : null, file));
        }
        return new Result(songs, skipped);
    }

    /** A few words on what a non-audio file is, from its first bytes. */
    static String describe(byte[] head, Path file) {
        if (head.length == 0) {
            return "empty file";
        }
        if (starts(head, 0xFF, 0xD8, 0xFF)) {
            return "JPEG image";
        }
        if (starts(head, 0x89, 'P', 'N', 'G')) {
            return "PNG image";
        }
        if (starts(head, 'G', 'I', 'F', '8')) {
            return "GIF image";
        }
        if (starts(head, '%', 'P', 'D', 'F')) {
            return "PDF document";
        }
        if (starts(head, 'P', 'K', 3, 4)) {
            return "ZIP archive";
        }
        if (starts(head, 0, 0, 0, 1, 'B', 'u', 'd', '1')) {
            return "Finder metadata (.DS_Store)";
        }
        if (starts(head, 'O', 'g', 'g', 'S')) {
            return "Ogg stream that is not Vorbis (e.g. Opus), not decodable";
        }
        if (head.length >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            return "MP4/M4A container, not a supported format";
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (isText(head)) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (text.startsWith("#EXTM3U") || name.endsWith(".m3u") || name.endsWith(".m3u8") || name.endsWith(".pls")) {
                return "playlist (text)";
            }
            if (name.endsWith(".cue")) {
                return "cue sheet (text)";
            }
            return "text";
        }
        return "unrecognised binary content";
    }

    private static boolean isText(byte[] head) {
        int control = 0;
        for (byte b : head) {
            int c = b & 0xFF;
            if (c == 0) {
                return false;
            }
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                control++;
            }
        }
        return control * 50 < head.length;
    }

    private static boolean starts(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != (prefix[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
