package dev.timbre.trainer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds labelled audio under one or more roots: every folder that directly holds audio files is a genre
 * folder named after the genre ({@code <genre>/<audio>}), at any depth. Its data part is the nearest
 * folder above it (up to and including the root) named {@code train}, {@code valid} or {@code test}
 * (also {@code training}, {@code validation}, {@code val}, {@code testing}); none means the data has no parts.
 */
public final class DataDiscovery {

    /** A data part, as named by a folder above the genre folder. */
    public enum Part {
        TRAIN("train"), VALID("valid"), TEST("test"), NONE("");

        private final String label;

        Part(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Part ofFolder(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "train", "training" -> TRAIN;
                case "valid", "validation", "val" -> VALID;
                case "test", "testing" -> TEST;
                default -> NONE;
            };
        }
    }

    /** One audio file: where it is, a unique id, its genre (folder name, lower case) and its part. */
    public record Entry(Path file, String id, String genre, Part part) {
    }

    /** What a scan found: the audio files, and the files in genre folders that are not audio, with why. */
    public record Found(List<Entry> entries, List<String> skipped) {

        public boolean hasParts() {
            return entries.stream().anyMatch(e -> e.part() != Part.NONE);
        }

        /** Sorted genre names of the entries in {@code part} ({@code null}: of all entries). */
        public List<String> genres(Part part) {
            Set<String> genres = new TreeSet<>();
            entries.stream().filter(e -> part == null || e.part() == part).forEach(e -> genres.add(e.genre()));
            return List.copyOf(genres);
        }
    }

    /** File name extensions of the formats the audio library decodes. */
    public static final Set<String> AUDIO_EXTENSIONS = Set.of(
            "wav", "wave", "au", "snd", "aif", "aiff", "aifc", "mp3", "flac", "ogg", "oga");

    private DataDiscovery() {
    }

    public static boolean isAudioName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Scans every root. Fails with a message naming what was found when no root has a genre folder.
     *
     * @throws IllegalArgumentException when a root is missing or holds no {@code <genre>/<audio>} folder
     */
    public static Found scan(List<Path> roots) {
        List<Entry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("data folder " + root + " does not exist");
            }
            Path base = root.toAbsolutePath().normalize();
            String prefix = base.getFileName() == null ? "" : base.getFileName() + "/";
            int before = entries.size();
            List<Path> dirs;
            try (Stream<Path> walk = Files.walk(base)) {
                dirs = walk.filter(Files::isDirectory).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
            for (Path dir : dirs) {
                List<Path> files = files(dir);
                if (files.stream().noneMatch(DataDiscovery::isAudioName)) {
                    continue;
                }
                String genre = dir.getFileName().toString().toLowerCase(Locale.ROOT);
                Part part = partOf(base, dir);
                for (Path f : files) {
                    String id = prefix + base.relativize(f);
                    if (isAudioName(f)) {
                        entries.add(new Entry(f, id, genre, part));
                    } else if (!f.getFileName().toString().startsWith(".")) {
                        skipped.add(id + " (not an audio file name)");
                    }
                }
            }
            if (entries.size() == before) {
                throw new IllegalArgumentException(describeEmpty(root, base, dirs));
            }
        }
        return new Found(List.copyOf(entries), List.copyOf(skipped));
    }

    /** The nearest part-named folder from {@code dir}'s parent up to {@code root} itself. */
    static Part partOf(Path root, Path dir) {
        for (Path p = dir.getParent(); p != null && p.startsWith(root); p = p.getParent()) {
            Part part = Part.ofFolder(p.getFileName() == null ? "" : p.getFileName().toString());
            if (part != Part.NONE) {
                return part;
            }
        }
        return Part.NONE;
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String describeEmpty(Path root, Path base, List<Path> dirs) {
        long fileCount;
        List<String> examples = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            fileCount = files.size();
            files.stream().limit(3).forEach(f -> examples.add(base.relativize(f).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return "no <genre>/<audio file> folders under " + root + ": found " + (dirs.size() - 1) + " folder(s) and "
                + fileCount + " file(s)" + (examples.isEmpty() ? "" : " (e.g. " + String.join(", ", examples) + ")")
                + ", none of them audio (" + String.join(", ", new TreeSet<>(AUDIO_EXTENSIONS)) + ") directly inside a genre folder";
    }
}
