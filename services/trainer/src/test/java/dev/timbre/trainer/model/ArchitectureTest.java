package dev.timbre.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void referenceMatchesTheSeedsKerasModel() {
        Architecture a = Architecture.reference();
        // 130x13 -conv3-> 128x11 -pool-> 64x6 -conv3-> 62x4 -pool-> 31x2 -conv2-> 30x1 -pool-> 15x1
        assertArrayEquals(new int[] {64, 6}, a.outputSize(0));
        assertArrayEquals(new int[] {31, 2}, a.outputSize(1));
        assertArrayEquals(new int[] {15, 1}, a.outputSize(2));
        assertEquals(15 * 32, a.flattenedSize());
        // Keras model.summary() trainable params: convs 320 + 9248 + 4128, BN gammas/betas 3*64,
        // dense 480*64+64, softmax 64*10+10
        assertEquals(320 + 9248 + 4128 + 3 * 64 + 30784 + 650, ParameterSpec.trainableCount(a));
    }

    @Test
    void glorotInitIsSeededAndBounded() {
        Architecture a = Architecture.reference();
        float[] mean = new float[13];
        float[] std = new float[13];
        java.util.Arrays.fill(std, 1f);
        ParameterValues p1 = ParameterValues.initial(a, 5, mean, std);
        ParameterValues p2 = ParameterValues.initial(a, 5, mean, std);
        ParameterValues p3 = ParameterValues.initial(a, 6, mean, std);
        assertArrayEquals(p1.get("dense/kernel"), p2.get("dense/kernel"));
        assertEquals(false, java.util.Arrays.equals(p1.get("dense/kernel"), p3.get("dense/kernel")));
        double limit = Math.sqrt(6.0 / (480 + 64));
        for (float v : p1.get("dense/kernel")) {
            assertEquals(true, Math.abs(v) <= limit);
        }
        for (float v : p1.get("block1/bn/gamma")) {
            assertEquals(1f, v);
        }
    }
}
