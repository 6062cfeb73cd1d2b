package dev.timbre.trainer.data;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.AudioException;
import dev.timbre.audio.features.WindowTensor;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.trainer.train.ProgressBar;

/**
 * Produces labelled songs with MFCC windows, through the same {@link AudioAnalyzer} the feature-extraction
 * service uses (so training and serving features are identical): from a folder of {@code <genre>/<file>}
 * audio, or rendered by {@link SyntheticGenres}.
 */
public final class SongSources {

    /** Genre names in model output order (the GTZAN order). */
    public static final List<String> GENRES = SyntheticGenres.GENRES;

    /** What was loaded, and what was skipped and why. */
    public record Loaded(List<Song> songs, List<String> skipped, String description) {
    }

    private final int workers;
    private final PrintStream out;

    public SongSources(int workers, PrintStream out) {
        this.workers = Math.max(1, workers);
        this.out = out;
    }

    /** {@code songsPerGenre} synthetic songs of {@code seconds} each, per genre; song seeds derive from {@code seed}. */
    public Loaded synthetic(int songsPerGenre, double seconds, long seed) {
        return synthetic(songsPerGenre, seconds, seed, Augmentation.NONE);
    }

    /** As {@link #synthetic(int, double, long)}, each song perturbed by {@code augmentation}. */
    public Loaded synthetic(int songsPerGenre, double seconds, long seed, Augmentation augmentation) {
        List<Job> jobs = new ArrayList<>();
        for (int g = 0; g < GENRES.size(); g++) {
            String genre = GENRES.get(g);
            for (int i = 0; i < songsPerGenre; i++) {
                long songSeed = seed * 1_000_003L + g * 10_007L + i;
                int label = g;
                jobs.add(new Job("synthetic:" + genre + ":" + songSeed, label,
                        analyzer -> analyzer.analyze(augmentation.apply(
                                SyntheticGenres.render(genre, songSeed, seconds), songSeed), SyntheticGenres.SAMPLE_RATE)));
            }
        }
        List<String> skipped = new ArrayList<>();
        List<Song> songs = run(jobs, skipped);
        String description = String.format(Locale.ROOT,
                "SyntheticGenres (timbre-audio), %d songs per genre x %d genres, %.0f s each, seed %d, augmentation: %s",
                songsPerGenre, GENRES.size(), seconds, seed, augmentation);
        return new Loaded(songs, skipped, description);
    }

    /**
     * Every audio file under {@code <genre>/} folders of {@code data} (or of the first folder below it that has
     * genre folders, e.g. GTZAN's {@code Data/genres_original}); unknown genre folders and undecodable
     * files are skipped and reported.
     */
    public Loaded folder(Path data) {
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("data folder " + data + " does not exist");
        }
        Path root = genreRoot(data, 3);
        if (root == null) {
            throw new IllegalArgumentException("no <genre>/ folders (" + String.join(", ", GENRES) + ") under " + data);
        }
        List<Job> jobs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (var genreDirs = Files.list(root)) {
            for (Path dir : genreDirs.filter(Files::isDirectory).sorted().toList()) {
                int label = GENRES.indexOf(dir.getFileName().toString().toLowerCase(Locale.ROOT));
                if (label < 0) {
                    skipped.add(root.relativize(dir) + "/ (not a known genre)");
                    continue;
                }
                try (var files = Files.walk(dir)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        String name = f.getFileName().toString();
                        if (name.startsWith(".") || name.endsWith(".txt") || name.endsWith(".md")) {
                            continue;
                        }
                        jobs.add(new Job(root.relativize(f).toString(), label, analyzer -> analyzer.analyze(f)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        List<Song> songs = run(jobs, skipped);
        String description = String.format(Locale.ROOT, "audio folder %s: %d songs decoded, %d skipped",
                root, songs.size(), skipped.size());
        return new Loaded(songs, skipped, description);
    }

    /** {@code dir} if it has a known-genre subfolder, else the first such folder below it (breadth first). */
    static Path genreRoot(Path dir, int depth) {
        try (var children = Files.list(dir)) {
            List<Path> subdirs = children.filter(Files::isDirectory).sorted().toList();
            if (subdirs.stream().anyMatch(d -> GENRES.contains(d.getFileName().toString().toLowerCase(Locale.ROOT)))) {
                return dir;
            }
            if (depth > 0) {
                for (Path sub : subdirs) {
                    Path found = genreRoot(sub, depth - 1);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private interface Analysis {
        List<WindowTensor> apply(AudioAnalyzer analyzer);
    }

    private record Job(String id, int label, Analysis analysis) {
    }

    private List<Song> run(List<Job> jobs, List<String> skipped) {
        ThreadLocal<AudioAnalyzer> analyzers = ThreadLocal.withInitial(AudioAnalyzer::defaults);
        ProgressBar bar = new ProgressBar(out, "features", jobs.size());
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Song>> futures = new ArrayList<>();
            for (Job job : jobs) {
                futures.add(pool.submit(() -> {
                    try {
                        List<WindowTensor> windows = job.analysis().apply(analyzers.get());
                        if (windows.isEmpty()) {
                            throw new AudioException(AudioException.Reason.TOO_SHORT, "no complete window");
                        }
                        return new Song(job.id(), job.label(), windows.stream().map(WindowTensor::mfcc).toList());
                    } finally {
                        bar.update(done.incrementAndGet(), "");
                    }
                }));
            }
            List<Song> songs = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    songs.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AudioException ae) {
                        skipped.add(jobs.get(i).id() + " (" + ae.reason() + ": " + ae.getMessage() + ")");
                    } else {
                        throw new IllegalStateException("feature extraction failed for " + jobs.get(i).id(), e.getCause());
                    }
                }
            }
            bar.finish(songs.size() + " songs, " + songs.stream().mapToInt(s -> s.windows().size()).sum()
                    + " windows" + (skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped"));
            return songs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during feature extraction", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
