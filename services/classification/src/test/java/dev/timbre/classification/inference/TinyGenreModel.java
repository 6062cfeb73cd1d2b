package dev.timbre.classification.inference;

import dev.timbre.model.ModelDescriptor;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import java.io.IOException;
import java.nio.file.Files;
import dev.timbre.model.serving.TensorFlowNatives;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A small SavedModel with the genre CNN's signature ({@code mfcc} [N,130,13,1] or {@code logmel} [N,130,128,1]
 * → {@code probabilities} [N,genres], {@code embedding} [N,dims]), built with TensorFlow's Java API, plus its
 * {@code model.json}. Tests serve it with the real engine and compare against {@link #reference} computed here
 * in plain Java. The genre list and embedding size are the model's, as with a trained one.
 */
public final class TinyGenreModel {

    public static final String VERSION = "tiny-test-1";
    public static final String EXTRACTOR = "librosa-compat-1";
    public static final List<String> GTZAN = List.of("blues", "classical", "country", "disco", "hiphop", "jazz", "metal",
            "pop", "reggae", "rock");

    private final String input;
    private final int bins;
    private final int in;
    private final List<String> genres;
    private final int dims;
    private final float[][] w1;
    private final float[][] w2;

    /** The MFCC model of the 10 GTZAN genres with a 64-d embedding. */
    public TinyGenreModel(long seed) {
        this(seed, "mfcc", GTZAN, 64);
    }

    /**
     * @param input  {@code mfcc} or {@code logmel}
     * @param genres output labels, in order
     * @param dims   embedding size
     */
    public TinyGenreModel(long seed, String input, List<String> genres, int dims) {
        this.input = input;
        this.bins = input.equals("logmel") ? 128 : 13;
        this.in = 130 * bins;
        this.genres = List.copyOf(genres);
        this.dims = dims;
        this.w1 = new float[in][dims];
        this.w2 = new float[dims][genres.size()];
        Random random = new Random(seed);
        for (float[] row : w1) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (random.nextGaussian() * 0.05);
            }
        }
        for (float[] row : w2) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (random.nextGaussian() * 0.5);
            }
        }
    }

    /** Writes the SavedModel and model.json into {@code dir}; returns {@code dir}. The engine must be loaded first. */
    public Path writeTo(Path dir) throws IOException {
        TensorFlowNatives.prepare(Path.of(System.getProperty("user.home"), ".djl.ai"));
        ai.djl.engine.Engine.getEngine("TensorFlow"); // loads the natives TensorFlow's Java API needs
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> window = tf.withName(input).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, 130, bins, 1)));
            var flat = tf.reshape(window, tf.constant(new long[] {-1, in}));
            var embedding = tf.withName("embedding").nn.relu(tf.linalg.matMul(flat, tf.constant(w1)));
            var probabilities = tf.withName("probabilities").nn.softmax(tf.linalg.matMul(embedding, tf.constant(w2)));
            try (Session session = new Session(g)) {
                Signature signature = Signature.builder().key("serving_default").input(input, window)
                        .output("probabilities", probabilities).output("embedding", embedding).build();
                SavedModelBundle.exporter(dir.toString())
                        .withFunction(SessionFunction.create(signature, session)).export();
            }
        }
        String labels = genres.stream().map(g -> "\"" + g + "\"").collect(java.util.stream.Collectors.joining(","));
        Files.writeString(dir.resolve(ModelDescriptor.FILE_NAME), """
                {"modelVersion": "%s", "extractorVersion": "%s",
                 "genres": [%s],
                 "names": {"input": "%s", "probabilities": "probabilities", "embedding": "embedding"},
                 "inputShape": [130, %d, 1], "embeddingSize": %d}
                """.formatted(VERSION, EXTRACTOR, labels, input, bins, dims));
        return dir;
    }

    /** The expected output for one window: [0] = probabilities, [1] = embedding. */
    public float[][] reference(float[] window) {
        int classes = genres.size();
        float[] emb = new float[dims];
        for (int j = 0; j < dims; j++) {
            double s = 0;
            for (int i = 0; i < in; i++) {
                s += window[i] * w1[i][j];
            }
            emb[j] = (float) Math.max(0, s);
        }
        double[] logits = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dims; j++) {
                logits[k] += emb[j] * w2[j][k];
            }
            max = Math.max(max, logits[k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            logits[k] = Math.exp(logits[k] - max);
            sum += logits[k];
        }
        float[] probs = new float[classes];
        for (int k = 0; k < classes; k++) {
            probs[k] = (float) (logits[k] / sum);
        }
        return new float[][] {probs, emb};
    }
}
