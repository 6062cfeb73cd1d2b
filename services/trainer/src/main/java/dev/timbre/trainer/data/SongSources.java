package dev.timbre.trainer.data;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.timbre.audio.AnalyzerSettings;
import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.AudioException;
import dev.timbre.audio.features.WindowTensor;
import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.trainer.train.ProgressBar;

/**
 * Produces labelled songs with their feature windows, through the same {@link AudioAnalyzer} the
 * feature-extraction service uses (so training and serving features are identical): from folders of
 * {@code <genre>/<file>} audio ({@link DataDiscovery}), or rendered by {@link SyntheticGenres}. Each song is
 * decoded and analysed once; its windows start every {@code hopSeconds} (overlapping windows for training),
 * and every {@code 3 / hopSeconds}-th window is one the service itself would produce.
 */
public final class SongSources {

    /** What was loaded, and what was skipped and why. {@code genres} are the labels in model output order. */
    public record Loaded(List<Song> songs, List<String> genres, List<String> skipped, String description,
                         SplitMode split) {
    }

    private final int workers;
    private final PrintStream out;
    private final AnalyzerSettings settings;
    private final int stride;

    /** Windows every 3 s (the service's own windows). */
    public SongSources(int workers, PrintStream out) {
        this(workers, out, SERVICE_HOP_SECONDS);
    }

    /** @param hopSeconds start a window every this many seconds; must divide 3 s (0.5, 0.75, 1, 1.5, 3) */
    public SongSources(int workers, PrintStream out, double hopSeconds) {
        this.workers = Math.max(1, workers);
        this.out = out;
        double ratio = SERVICE_HOP_SECONDS / hopSeconds;
        this.stride = (int) Math.round(ratio);
        if (stride < 1 || Math.abs(ratio - stride) > 1e-9) {
            throw new IllegalArgumentException("hop " + hopSeconds + " s must divide " + SERVICE_HOP_SECONDS + " s");
        }
        this.settings = AnalyzerSettings.DEFAULT.withHopSeconds(hopSeconds);
    }

    /** The service's window hop (non-overlapping 3 s windows, {@link AnalyzerSettings#DEFAULT}). */
    public static final double SERVICE_HOP_SECONDS = AnalyzerSettings.DEFAULT.hopSeconds();

    /** {@code songsPerGenre} synthetic songs of {@code seconds} each, per genre; song seeds derive from {@code seed}. */
    public Loaded synthetic(int songsPerGenre, double seconds, long seed) {
        return synthetic(SyntheticGenres.GENRES, songsPerGenre, seconds, seed, Augmentation.NONE);
    }

    /** As {@link #synthetic(int, double, long)}, for the given synthetic genres, each song perturbed by {@code augmentation}. */
    public Loaded synthetic(List<String> genres, int songsPerGenre, double seconds, long seed, Augmentation augmentation) {
        List<String> sorted = genres.stream().sorted().toList();
        List<Job> jobs = new ArrayList<>();
        for (int g = 0; g < sorted.size(); g++) {
            String genre = sorted.get(g);
            int genreSeed = SyntheticGenres.GENRES.indexOf(genre);
            for (int i = 0; i < songsPerGenre; i++) {
                long songSeed = seed * 1_000_003L + genreSeed * 10_007L + i;
                jobs.add(new Job("synthetic:" + genre + ":" + songSeed, g, "",
                        analyzer -> analyzer.analyze(augmentation.apply(
                                SyntheticGenres.render(genre, songSeed, seconds), songSeed), SyntheticGenres.SAMPLE_RATE)));
            }
        }
        List<String> skipped = new ArrayList<>();
        List<Song> songs = run(jobs, skipped);
        String description = String.format(Locale.ROOT,
                "SyntheticGenres (timbre-audio), %d songs per genre x %d genres, %.0f s each, seed %d, augmentation: %s",
                songsPerGenre, sorted.size(), seconds, seed, augmentation);
        return new Loaded(songs, sorted, skipped, description, SplitMode.RANDOM);
    }

    /**
     * Every audio file in {@code <genre>/} folders under the roots. The genres are the genre folder names of the
     * training part (sorted); songs of other genres, undecodable and too-short files are skipped and listed.
     *
     * @throws IllegalArgumentException for a layout that does not fit the split mode (named in the message)
     */
    public Loaded folders(List<Path> roots, SplitMode mode) {
        DataDiscovery.Found found = DataDiscovery.scan(roots);
        List<String> skipped = new ArrayList<>(found.skipped());
        List<DataDiscovery.Entry> used = new ArrayList<>();
        List<String> genres;
        if (mode == SplitMode.FOLDERS) {
            if (!found.hasParts()) {
                throw new IllegalArgumentException("no train/ valid/ test/ folders above the genre folders under "
                        + roots + " (found genres " + found.genres(null) + "); for data without parts use --split random");
            }
            genres = found.genres(DataDiscovery.Part.TRAIN);
            if (genres.isEmpty()) {
                throw new IllegalArgumentException("no train/ part under " + roots + ": found parts "
                        + found.entries().stream().map(e -> e.part().label()).distinct().sorted().toList());
            }
            for (DataDiscovery.Entry e : found.entries()) {
                if (e.part() == DataDiscovery.Part.NONE) {
                    skipped.add(e.id() + " (no train/valid/test folder above it)");
                } else if (!genres.contains(e.genre())) {
                    skipped.add(e.id() + " (genre '" + e.genre() + "' has no training songs)");
                } else {
                    used.add(e);
                }
            }
        } else {
            if (found.hasParts()) {
                throw new IllegalArgumentException("the data under " + roots + " has train/valid/test folders: "
                        + "use them (--split folders); a random split would put one artist on both sides");
            }
            genres = found.genres(null);
            used.addAll(found.entries());
        }
        List<Job> jobs = new ArrayList<>();
        for (DataDiscovery.Entry e : used) {
            jobs.add(new Job(e.id(), genres.indexOf(e.genre()), e.part().label(), analyzer -> analyzer.analyze(e.file())));
        }
        List<Song> songs = run(jobs, skipped);
        String description = String.format(Locale.ROOT, "audio folders %s (%s split): %d songs decoded, %d skipped",
                roots, mode == SplitMode.FOLDERS ? "train/valid/test folder" : "random", songs.size(), skipped.size());
        return new Loaded(songs, genres, skipped, description, mode);
    }

    /**
     * Every audio file in {@code <genre>/} folders under the roots, whatever its part, labelled with the given
     * genres (a model's); songs of other genres are skipped and listed. For scoring a model on any labelled folder.
     */
    public Loaded labelled(List<Path> roots, List<String> genres) {
        DataDiscovery.Found found = DataDiscovery.scan(roots);
        List<String> skipped = new ArrayList<>(found.skipped());
        List<Job> jobs = new ArrayList<>();
        for (DataDiscovery.Entry e : found.entries()) {
            int label = genres.indexOf(e.genre());
            if (label < 0) {
                skipped.add(e.id() + " (genre '" + e.genre() + "' is not one of the model's " + genres + ")");
            } else {
                jobs.add(new Job(e.id(), label, e.part().label(), analyzer -> analyzer.analyze(e.file())));
            }
        }
        List<Song> songs = run(jobs, skipped);
        String description = String.format(Locale.ROOT, "audio folders %s: %d songs decoded, %d skipped",
                roots, songs.size(), skipped.size());
        return new Loaded(songs, genres, skipped, description, SplitMode.FOLDERS);
    }

    private interface Analysis {
        List<WindowTensor> apply(AudioAnalyzer analyzer);
    }

    private record Job(String id, int label, String part, Analysis analysis) {
    }

    private List<Song> run(List<Job> jobs, List<String> skipped) {
        ThreadLocal<AudioAnalyzer> analyzers = ThreadLocal.withInitial(() -> new AudioAnalyzer(settings));
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
                        return new Song(job.id(), job.label(), job.part(), windows, stride);
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
                    } else if (e.getCause() instanceof java.io.UncheckedIOException io) {
                        skipped.add(jobs.get(i).id() + " (unreadable: " + io.getCause().getMessage() + ")");
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
