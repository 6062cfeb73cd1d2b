package dev.timbre.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void shortChunkReadsLogMelThroughAStrideTwoStemAndPoolsGlobally() {
        Architecture a = Architecture.shortChunk().withClasses(7);
        assertEquals(InputFeature.LOG_MEL, a.input());
        assertEquals(128, a.bins());
        // 130x128 -stem stride 2-> 65x64 -pool-> 33x32 -pool-> 17x16 -pool-> 9x8 -pool-> 5x4 -pool-> 3x2
        assertArrayEquals(new int[] {33, 32}, a.outputSize(0));
        assertArrayEquals(new int[] {3, 2}, a.outputSize(4));
        assertEquals(a.convFilters()[4], a.flattenedSize(), "global pooling: one value per channel");
        long convs = 0;
        for (int i = 0; i < a.blocks(); i++) {
            convs += 9L * a.inChannels(i) * a.convFilters()[i] + 3L * a.convFilters()[i];   // kernel, bias, gamma, beta
        }
        assertEquals(convs + (long) a.flattenedSize() * a.embeddingSize() + a.embeddingSize()
                + (long) a.embeddingSize() * 7 + 7, ParameterSpec.trainableCount(a));
        assertEquals(7, a.classes());
        // first conv: 65x64 outputs x 9 taps x 16 filters
        assertEquals(65L * 64 * 9 * 16, a.withFilters(new int[] {16}).multiplyAdds() - 16L * 64 - 64L * 7);
    }

    @Test
    void theContrastChannelDoublesTheFirstConvsInputOnly() {
        Architecture plain = Architecture.shortChunk();
        Architecture contrast = plain.withContrastChannel(true);
        assertEquals(1, plain.inChannels(0));
        assertEquals(2, contrast.inChannels(0));
        assertEquals(plain.inChannels(1), contrast.inChannels(1));
        assertEquals(ParameterSpec.trainableCount(plain) + 9L * plain.convFilters()[0], ParameterSpec.trainableCount(contrast));
        assertEquals(false, plain.equals(contrast));
    }

    @Test
    void namedArchitecturesAndUnknownNames() {
        assertEquals(Architecture.shortChunk(), Architecture.named("ShortChunk"));
        assertEquals(Architecture.reference(), Architecture.named("reference"));
        assertThrows(IllegalArgumentException.class, () -> Architecture.named("huge"));
    }
}
