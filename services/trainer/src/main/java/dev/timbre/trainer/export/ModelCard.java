package dev.timbre.trainer.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.timbre.trainer.model.Architecture;

/**
 * {@code model.json}, written beside the SavedModel: what the serving side needs to feed and read the
 * model (genres in output order, tensor names and shapes, feature extractor version) plus provenance
 * (version, training data, held-out accuracy).
 */
public final class ModelCard {

    public static final String FILE = "model.json";

    private ModelCard() {
    }

    /** "cnn-ref-20261125-1a2b3c4d": architecture, UTC date, first 8 hex of the weights' SHA-256. */
    public static String modelVersion(Architecture a, Path savedModelDir) throws IOException {
        String prefix = a.name().equals("reference") ? "cnn-ref" : "cnn-" + a.name();
        // the version names the weights, whatever the genres they are labelled with
        String date = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        return prefix + "-" + date + "-" + weightsHash(savedModelDir).substring(0, 8);
    }

    static String weightsHash(Path savedModelDir) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (var files = Files.list(savedModelDir.resolve("variables"))) {
                for (Path p : files.sorted().toList()) {
                    try (InputStream in = Files.newInputStream(p)) {
                        sha.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param evaluation figures per evaluated part ({@code "valid"}, {@code "test"}, {@code "extra/fma"} ...)
     */
    public static Map<String, Object> build(Architecture a, List<String> genres, String modelVersion,
                                            String extractorVersion, Map<String, Object> training,
                                            Map<String, Object> evaluation) {
        String input = a.input().tensorName();
        boolean logMel = a.input() == dev.timbre.trainer.model.InputFeature.LOG_MEL;
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("format", "tensorflow-savedmodel");
        card.put("signature", SavedModelWriter.SIGNATURE);
        card.put("modelVersion", modelVersion);
        card.put("extractorVersion", extractorVersion);
        card.put("genres", genres);
        card.put("inputs", List.of(tensor(input, -1, a.frames(), a.bins(), 1)));
        card.put("outputs", List.of(tensor(SavedModelWriter.PROBABILITIES, -1, a.classes()),
                tensor(SavedModelWriter.EMBEDDING, -1, a.embeddingSize())));
        // flat fields read by the model contract's ModelDescriptor (classification service, evaluate)
        Map<String, Object> names = new LinkedHashMap<>();
        names.put("input", input);
        names.put("probabilities", SavedModelWriter.PROBABILITIES);
        names.put("embedding", SavedModelWriter.EMBEDDING);
        card.put("names", names);
        card.put("inputShape", List.of(a.frames(), a.bins(), 1));
        card.put("embeddingSize", a.embeddingSize());
        card.put("inputLayout", logMel
                ? "raw log-mel (dB) of one 3 s window, frame-major: element [n, t, m, 0] = mel band m of frame t "
                        + "(AudioAnalyzer WindowTensor.logMel()[t*" + a.bins() + "+m])"
                : "raw MFCC of one 3 s window, frame-major: element [n, t, c, 0] = coefficient c of frame t "
                        + "(AudioAnalyzer WindowTensor.mfcc()[t*" + a.bins() + "+c])");
        card.put("normalisation", "per-" + (logMel ? "band" : "coefficient")
                + " standardisation with training-set mean/std, baked into the graph "
                + "(variables params/norm_mean, params/norm_std): feed raw " + (logMel ? "log-mel" : "MFCC"));
        card.put("songAggregation", "mean of the windows' log-probabilities, renormalised (timbre-model SongAggregation)");
        card.put("embeddingLayer", "Dense " + a.embeddingSize() + " ReLU activation (before dropout); a song's embedding "
                + "is the mean of its windows'");
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("name", a.name());
        arch.put("layout", a.layout().name().toLowerCase(java.util.Locale.ROOT));
        arch.put("convFilters", a.convFilters());
        arch.put("convKernels", a.convKernels());
        arch.put("pool", a.layout() == Architecture.Layout.SEED
                ? "max 3x3 stride 2 same, then batch norm (momentum 0.99, eps 1e-3)"
                : "conv 3x3 same, batch norm (momentum 0.99, eps 1e-3; folded into the conv in this export), ReLU, max 2x2; "
                        + "then mean over frequency, max + mean over time");
        arch.put("dense", a.embeddingSize());
        arch.put("dropout", a.dropout());
        arch.put("trainableParameters", dev.timbre.trainer.model.ParameterSpec.trainableCount(a));
        arch.put("multiplyAddsPerWindow", a.multiplyAdds());
        card.put("architecture", arch);
        card.put("training", training);
        card.put("evaluation", evaluation);
        return card;
    }

    private static Map<String, Object> tensor(String name, long... shape) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("dtype", "float32");
        t.put("shape", shape);
        return t;
    }

    public static void write(Path savedModelDir, Map<String, Object> card) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(savedModelDir.resolve(FILE).toFile(), card);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path savedModelDir) throws IOException {
        return new ObjectMapper().readValue(savedModelDir.resolve(FILE).toFile(), Map.class);
    }
}
