package dev.timbre.trainer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.timbre.audio.features.WindowTensor;
import dev.timbre.model.ModelDescriptor;
import dev.timbre.model.SongAggregation;
import dev.timbre.trainer.data.Song;
import dev.timbre.trainer.data.SongSources;
import dev.timbre.trainer.eval.ConfusionMatrix;
import dev.timbre.trainer.eval.ConfusionMatrixChart;
import dev.timbre.trainer.eval.Retrieval;
import dev.timbre.trainer.export.ExportedModel;
import dev.timbre.trainer.model.InputFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: scores an exported model on a labelled folder with the service's own feature code
 * (the feature-extraction service's 3 s windows) and the service's own loading (DJL) and song aggregation.
 * Writes {@code evaluation.json}, {@code evaluation.md} and a confusion-matrix PNG; the last line printed is
 * {@code song_accuracy=<x> balanced_accuracy=<x> retrieval_p10=<x> baseline_retrieval_p10=<x> songs=<n>}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores an exported genre model on any labelled folder of <genre>/<audio> files.")
public final class EvaluateCommand implements Callable<Integer> {

    static final int BATCH = 64;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "SavedModel folder with model.json")
    Path modelDir;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "labelled audio: <genre>/<audio> folders at any depth (repeatable)")
    List<Path> data;

    @Option(names = "--out", paramLabel = "DIR", description = "report folder (default: target/evaluate/<data folder name>)")
    Path out;

    @Option(names = "--workers", defaultValue = "2", description = "feature-extraction threads")
    int workers;

    /** What an evaluation measured. */
    public record Result(ConfusionMatrix songs, double retrievalP10, double baselineRetrievalP10, List<String> skipped) {

        /** The figures as model.json records them. */
        public Map<String, Object> figures(String note) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("songs", songs.total());
            f.put("songAccuracy", songs.accuracy());
            f.put("songBalancedAccuracy", songs.balancedAccuracy());
            f.put("retrievalP10", retrievalP10);
            f.put("baselineRetrievalP10", baselineRetrievalP10);
            f.put("note", note);
            return f;
        }

        public String summaryLine() {
            return String.format(Locale.ROOT, "song_accuracy=%.4f balanced_accuracy=%.4f retrieval_p10=%.4f "
                            + "baseline_retrieval_p10=%.4f songs=%d", songs.accuracy(), songs.balancedAccuracy(),
                    retrievalP10, baselineRetrievalP10, songs.total());
        }
    }

    @Override
    public Integer call() throws IOException {
        Path report = out != null ? out : Path.of("target", "evaluate", data.get(0).toAbsolutePath().normalize().getFileName().toString());
        Result r = evaluate(modelDir, data, report, workers);
        System.out.println(r.summaryLine());
        return 0;
    }

    /** Evaluates {@code modelDir} on the songs under {@code roots} and writes the report to {@code report}. */
    public static Result evaluate(Path modelDir, List<Path> roots, Path report, int workers) throws IOException {
        try (ExportedModel model = ExportedModel.load(modelDir)) {
            ModelDescriptor d = model.descriptor();
            SongSources.Loaded loaded = new SongSources(workers, System.out).labelled(roots, d.genres());
            loaded.skipped().forEach(s -> System.out.println("skipped: " + s));
            if (loaded.songs().isEmpty()) {
                throw new IllegalArgumentException("no song of the model's genres " + d.genres() + " under " + roots);
            }
            ConfusionMatrix songs = new ConfusionMatrix(d.genres());
            List<Map<String, Object>> perSong = new ArrayList<>();
            float[][] embeddings = new float[loaded.songs().size()][];
            int[] labels = new int[loaded.songs().size()];
            for (int i = 0; i < loaded.songs().size(); i++) {
                Song song = loaded.songs().get(i);
                float[][] probabilities = predict(model, song.evaluationWindows(), embeddings, i);
                float[] distribution = SongAggregation.ofWindows(probabilities);
                int predicted = SongAggregation.argMax(distribution);
                songs.add(song.genre(), predicted);
                labels[i] = song.genre();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("song", song.id());
                row.put("genre", d.genres().get(song.genre()));
                row.put("predicted", d.genres().get(predicted));
                row.put("confidence", distribution[predicted]);
                perSong.add(row);
            }
            double p10 = Retrieval.precisionAt(embeddings, labels, Retrieval.NEIGHBOURS);
            double baseline = Retrieval.meanMfccBaseline(loaded.songs());
            Result result = new Result(songs, p10, baseline, loaded.skipped());
            write(report, d, roots, result, perSong);
            System.out.println("report: " + report.toAbsolutePath().resolve("evaluation.md"));
            return result;
        }
    }

    /** Window probabilities of one song; stores its mean window embedding in {@code embeddings[index]}. */
    private static float[][] predict(ExportedModel model, List<WindowTensor> windows, float[][] embeddings, int index) {
        ModelDescriptor d = model.descriptor();
        InputFeature input = InputFeature.named(d.inputName());
        int per = d.inputLength();
        int classes = d.genres().size();
        float[][] probabilities = new float[windows.size()][classes];
        float[] mean = new float[d.embeddingSize()];
        for (int from = 0; from < windows.size(); from += BATCH) {
            int n = Math.min(BATCH, windows.size() - from);
            float[] x = new float[n * per];
            for (int k = 0; k < n; k++) {
                WindowTensor w = windows.get(from + k);
                System.arraycopy(input.of(w), 0, x, k * per, per);
            }
            ExportedModel.Outputs o = model.predict(x, n);
            for (int k = 0; k < n; k++) {
                System.arraycopy(o.probabilities(), k * classes, probabilities[from + k], 0, classes);
                for (int e = 0; e < mean.length; e++) {
                    mean[e] += o.embeddings()[k * mean.length + e] / windows.size();
                }
            }
        }
        embeddings[index] = mean;
        return probabilities;
    }

    private static void write(Path dir, ModelDescriptor d, List<Path> roots, Result r, List<Map<String, Object>> perSong)
            throws IOException {
        Files.createDirectories(dir);
        ConfusionMatrix m = r.songs();
        List<Map<String, Object>> perGenre = new ArrayList<>();
        StringBuilder md = new StringBuilder("# Evaluation of " + d.modelVersion() + "\n\n");
        md.append("- **data**: ").append(roots).append(" (").append(m.total()).append(" songs, ")
                .append(r.skipped().size()).append(" skipped)\n");
        md.append("- **features**: the feature-extraction service's (AudioAnalyzer, 3 s windows, ")
                .append(d.extractorVersion()).append("), model input '").append(d.inputName()).append("'\n");
        md.append("- **song genre**: mean of the windows' log-probabilities (SongAggregation), as the classification service\n\n");
        md.append(String.format(Locale.ROOT, "| song accuracy | balanced accuracy | retrieval p@%d (embedding) | "
                        + "retrieval p@%d (mean-MFCC baseline) | songs |%n|---:|---:|---:|---:|---:|%n| %.3f | %.3f | %.3f | %.3f | %d |%n%n",
                Retrieval.NEIGHBOURS, Retrieval.NEIGHBOURS, m.accuracy(), m.balancedAccuracy(), r.retrievalP10(), r.baselineRetrievalP10(), m.total()));
        md.append("| genre | precision | recall | songs |\n|---|---:|---:|---:|\n");
        for (int g = 0; g < d.genres().size(); g++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("genre", d.genres().get(g));
            row.put("precision", finite(m.precision(g)));
            row.put("recall", finite(m.recall(g)));
            row.put("songs", m.support(g));
            perGenre.add(row);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d |%n", d.genres().get(g), fmt(m.precision(g)),
                    fmt(m.recall(g)), m.support(g)));
        }
        md.append("\n![song confusion](confusion-songs.png)\n");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", d.modelVersion());
        json.put("data", roots.stream().map(Path::toString).toList());
        json.put("songs", m.total());
        json.put("songAccuracy", m.accuracy());
        json.put("balancedAccuracy", m.balancedAccuracy());
        json.put("retrievalP10", r.retrievalP10());
        json.put("baselineRetrievalP10", r.baselineRetrievalP10());
        json.put("perGenre", perGenre);
        json.put("confusion", m.counts());
        json.put("labels", d.genres());
        json.put("perSong", perSong);
        json.put("skipped", r.skipped());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("evaluation.json").toFile(), json);
        Files.writeString(dir.resolve("evaluation.md"), md.toString());
        ConfusionMatrixChart.write(m, d.modelVersion() + ": songs (" + m.total() + ")", dir.resolve("confusion-songs.png"));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluateCommand()).execute(args));
    }
}
