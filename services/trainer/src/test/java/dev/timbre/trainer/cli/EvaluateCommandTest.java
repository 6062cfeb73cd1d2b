package dev.timbre.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.timbre.audio.AudioAnalyzer;
import dev.timbre.audio.io.WavWriter;
import dev.timbre.model.serving.TensorFlowNatives;
import picocli.CommandLine;

/** {@code evaluate} on a generated set with known answers, served by a hand-built model whose rule is known. */
class EvaluateCommandTest {

    static final int SR = AudioAnalyzer.SAMPLE_RATE;

    /**
     * A "genre model" with a known rule: embedding = relu([low - high, high - low]) where low/high are the mean
     * log-mel of the lower and upper 64 bands; probabilities = softmax(embedding) over genres [low, high].
     */
    static Path lowHighModel(Path dir) throws Exception {
        TensorFlowNatives.ensureLoaded();
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.withName("logmel").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 130, 128, 1)));
            var halves = tf.math.mean(tf.reshape(x, tf.constant(new long[] {-1, 130, 2, 64})), tf.constant(new int[] {1, 3}));
            var difference = tf.linalg.matMul(halves, tf.constant(new float[][] {{1, -1}, {-1, 1}}));
            var embedding = tf.withName("embedding").nn.relu(difference);
            var probabilities = tf.withName("probabilities").nn.softmax(embedding);
            try (Session s = new Session(g)) {
                Signature sig = Signature.builder().key("serving_default").input("logmel", x)
                        .output("probabilities", probabilities).output("embedding", embedding).build();
                SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig, s)).export();
            }
        }
        Files.writeString(dir.resolve("model.json"), """
                {"modelVersion": "low-high-1", "extractorVersion": "%s", "genres": ["low", "high"],
                 "names": {"input": "logmel", "probabilities": "probabilities", "embedding": "embedding"},
                 "inputShape": [130, 128, 1], "embeddingSize": 2}
                """.formatted(AudioAnalyzer.EXTRACTOR_VERSION));
        return dir;
    }

    static void sine(Path file, double hz) throws Exception {
        Files.createDirectories(file.getParent());
        float[] y = new float[4 * SR];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.4 * Math.sin(2 * Math.PI * hz * i / SR));
        }
        WavWriter.write(file, y, SR);
    }

    @Test
    void printsItsLineAndWritesTheReport(@TempDir Path tmp) throws Exception {
        Path model = lowHighModel(Files.createDirectories(tmp.resolve("model")));
        Path data = tmp.resolve("data");
        for (int i = 0; i < 8; i++) {
            sine(data.resolve("low/low" + i + ".wav"), 150 + 30 * i);
        }
        for (int i = 0; i < 4; i++) {
            sine(data.resolve("high/high" + i + ".wav"), 5000 + 400 * i);
        }
        sine(data.resolve("polka/p.wav"), 1000);                  // not a genre of the model
        Files.writeString(data.resolve("low/cover.jpg"), "not audio");

        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = new CommandLine(new EvaluateCommand()).execute("--model", model.toString(), "--data", data.toString(),
                    "--out", tmp.resolve("report").toString());
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        String last = lines.get(lines.size() - 1);
        // every song right; p@10 with 8 low and 4 high songs and a perfectly separating embedding:
        // a low song finds its 7 peers then 3 highs (0.7), a high song its 3 peers then 7 lows (0.3)
        double p10 = (8 * 0.7 + 4 * 0.3) / 12;
        assertTrue(last.matches("song_accuracy=\\S+ balanced_accuracy=\\S+ retrieval_p10=\\S+ baseline_retrieval_p10=\\S+ songs=\\d+"), last);
        java.util.Map<String, String> figures = new java.util.HashMap<>();
        for (String pair : last.split(" ")) {
            figures.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertEquals(1.0, Double.parseDouble(figures.get("song_accuracy")), 1e-12);
        assertEquals(1.0, Double.parseDouble(figures.get("balanced_accuracy")), 1e-12);
        assertEquals(p10, Double.parseDouble(figures.get("retrieval_p10")), 1e-4);
        double baseline = Double.parseDouble(figures.get("baseline_retrieval_p10"));
        assertTrue(baseline >= 0 && baseline <= 1, last);
        assertEquals("12", figures.get("songs"));
        assertTrue(out.contains("polka/p.wav") && out.contains("not one of the model's"), out);
        assertTrue(out.contains("cover.jpg"), out);

        JsonNode json = new ObjectMapper().readTree(tmp.resolve("report/evaluation.json").toFile());
        assertEquals(12, json.get("songs").asInt());
        assertEquals(1.0, json.at("/perGenre/0/recall").asDouble(), 1e-12);
        assertEquals(8, json.at("/perGenre/0/songs").asInt());
        assertEquals(p10, json.get("retrievalP10").asDouble(), 1e-9);
        assertTrue(Files.readString(tmp.resolve("report/evaluation.md")).contains("| low | 1.000 | 1.000 | 8 |"));
        assertTrue(Files.size(tmp.resolve("report/confusion-songs.png")) > 1000);
    }

    @Test
    void aMislabelledSongLowersAccuracyAndBalancedAccuracyAsExpected(@TempDir Path tmp) throws Exception {
        Path model = lowHighModel(Files.createDirectories(tmp.resolve("model")));
        Path data = tmp.resolve("data");
        sine(data.resolve("low/a.wav"), 200);
        sine(data.resolve("low/b.wav"), 250);
        sine(data.resolve("low/actually-high.wav"), 6000);
        sine(data.resolve("high/c.wav"), 5500);
        EvaluateCommand.Result r = EvaluateCommand.evaluate(model, List.of(data), tmp.resolve("report"), 1);
        assertEquals(3.0 / 4, r.songs().accuracy(), 1e-12);
        assertEquals((2.0 / 3 + 1) / 2, r.songs().balancedAccuracy(), 1e-12, "mean recall of low (2/3) and high (1)");
        assertEquals(1, r.songs().count(0, 1));
    }
}
