package dev.timbre.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.timbre.model.serving.TensorFlowNatives;

/** TF-Java (training) and DJL (inference) must run on one and the same TensorFlow native library. */
class SingleNativeLibraryTest {

    @Test
    void trainingApiAndDjlShareOneLibtensorflow() throws Exception {
        TensorFlowNatives.ensureLoaded();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            try (var r = s.runner().fetch(tf.math.add(tf.constant(1f), tf.constant(2f))).run()) {
                assertEquals(3f, ((TFloat32) r.get(0)).getFloat());
            }
        }
        try (NDManager m = Engine.getEngine("TensorFlow").newBaseManager()) {
            assertEquals(6f, m.create(new float[] {1, 2, 3}).sum().getFloat());
        }
        Set<String> libs = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("libtensorflow_cc.so"))
                .map(l -> l.substring(l.indexOf('/')))
                .collect(Collectors.toSet());
        assertEquals(1, libs.size(), "libtensorflow_cc mapped from " + libs);
        assertEquals("2.16.1", TensorFlowNatives.version());
    }
}
