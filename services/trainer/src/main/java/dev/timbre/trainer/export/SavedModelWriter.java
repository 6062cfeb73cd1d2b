package dev.timbre.trainer.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import dev.timbre.trainer.model.Architecture;
import dev.timbre.trainer.model.CnnGraph;
import dev.timbre.trainer.model.ParameterSpec;
import dev.timbre.trainer.model.ParameterValues;
import dev.timbre.trainer.model.VariableStore;
import dev.timbre.model.serving.TensorFlowNatives;

/**
 * Exports trained parameters as a TensorFlow SavedModel holding only the inference graph
 * (normalisation → CNN with moving batch-norm statistics → softmax), signature {@code serving_default}:
 * input {@code mfcc} or {@code logmel} [N,frames,bins,1] (the architecture's input feature) → outputs {@code probabilities} [N,classes] and
 * {@code embedding} [N,embeddingSize]. Weights go to {@code variables/}, the graph to {@code saved_model.pb}.
 */
public final class SavedModelWriter {

    public static final String SIGNATURE = dev.timbre.model.serving.GenreModel.SIGNATURE;
    public static final String PROBABILITIES = "probabilities";
    public static final String EMBEDDING = "embedding";

    private SavedModelWriter() {
    }

    public static void write(ParameterValues trained, Path dir) {
        TensorFlowNatives.ensureLoaded();
        Architecture a = trained.architecture();
        // short-chunk: batch norm folded into the convs, so serving runs fused conv + bias + ReLU kernels
        boolean fold = a.layout() == Architecture.Layout.SHORT_CHUNK;
        ParameterValues values = fold ? trained.foldedBatchNorm() : trained;
        try {
            if (Files.exists(dir.resolve("saved_model.pb"))) {
                Files.delete(dir.resolve("saved_model.pb"));
            }
            deleteRecursively(dir.resolve("variables"));
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            VariableStore store = new VariableStore(tf.withSubScope("params"));
            for (ParameterSpec spec : values.specs()) {
                store.create(spec.name(), spec.shape());
            }
            Placeholder<TFloat32> input = tf.withName(a.input().tensorName()).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, a.frames(), a.bins(), 1)));
            CnnGraph.Forward f = CnnGraph.build(tf.withSubScope("cnn"), a, name -> store.get(name), store, input, false, fold, 0);
            Operand<TFloat32> probabilities = tf.withName(PROBABILITIES).identity(f.probabilities());
            Operand<TFloat32> embedding = tf.withName(EMBEDDING).identity(f.embedding());
            try (Session session = new Session(graph)) {
                for (ParameterSpec spec : values.specs()) {
                    store.load(session, spec.name(), values.get(spec.name()));
                }
                Signature signature = Signature.builder(SIGNATURE)
                        .input(a.input().tensorName(), input)
                        .output(PROBABILITIES, probabilities)
                        .output(EMBEDDING, embedding)
                        .build();
                SavedModelBundle.exporter(dir.toString())
                        .withFunction(SessionFunction.create(signature, session))
                        .export();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export SavedModel to " + dir, e);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
