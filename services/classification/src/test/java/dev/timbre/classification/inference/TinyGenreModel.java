package dev.timbre.classification.inference;

import dev.timbre.classification.model.ModelDescriptor;
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
import java.nio.file.Path;
import java.util.Random;

/**
 * A small SavedModel with the genre CNN's signature ({@code mfcc} [N,130,13,1] → {@code probabilities} [N,10],
 * {@code embedding} [N,64]), built with TensorFlow's Java API, plus its {@code model.json}. Tests serve it with
 * the real engine and compare against {@link #reference} computed here in plain Java.
 */
public final class TinyGenreModel {

    public static final String VERSION = "tiny-test-1";
    public static final String EXTRACTOR = "librosa-compat-1";
    private static final int IN = 130 * 13;

    private final float[][] w1 = new float[IN][64];
    private final float[][] w2 = new float[64][10];

    public TinyGenreModel(long seed) {
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
            Placeholder<TFloat32> mfcc = tf.withName("mfcc").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, 130, 13, 1)));
            var flat = tf.reshape(mfcc, tf.constant(new long[] {-1, IN}));
            var embedding = tf.withName("embedding").nn.relu(tf.linalg.matMul(flat, tf.constant(w1)));
            var probabilities = tf.withName("probabilities").nn.softmax(tf.linalg.matMul(embedding, tf.constant(w2)));
            try (Session session = new Session(g)) {
                Signature signature = Signature.builder().key("serving_default").input("mfcc", mfcc)
                        .output("probabilities", probabilities).output("embedding", embedding).build();
                SavedModelBundle.exporter(dir.toString())
                        .withFunction(SessionFunction.create(signature, session)).export();
            }
        }
        Files.writeString(dir.resolve(ModelDescriptor.FILE_NAME), """
                {"modelVersion": "%s", "extractorVersion": "%s",
                 "genres": ["blues","classical","country","disco","hiphop","jazz","metal","pop","reggae","rock"],
                 "names": {"input": "mfcc", "probabilities": "probabilities", "embedding": "embedding"},
                 "inputShape": [130, 13, 1], "embeddingSize": 64}
                """.formatted(VERSION, EXTRACTOR));
        return dir;
    }

    /** The expected output for one window: [0] = probabilities, [1] = embedding. */
    public float[][] reference(float[] window) {
        float[] emb = new float[64];
        for (int j = 0; j < 64; j++) {
            double s = 0;
            for (int i = 0; i < IN; i++) {
                s += window[i] * w1[i][j];
            }
            emb[j] = (float) Math.max(0, s);
        }
        double[] logits = new double[10];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < 64; j++) {
                logits[k] += emb[j] * w2[j][k];
            }
            max = Math.max(max, logits[k]);
        }
        double sum = 0;
        for (int k = 0; k < 10; k++) {
            logits[k] = Math.exp(logits[k] - max);
            sum += logits[k];
        }
        float[] probs = new float[10];
        for (int k = 0; k < 10; k++) {
            probs[k] = (float) (logits[k] / sum);
        }
        return new float[][] {probs, emb};
    }
}
