package dev.timbre.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static String draw(boolean interactive) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "epoch 1", 4, interactive);
        for (int i = 1; i <= 4; i++) {
            bar.update(i, "loss 1.0");
        }
        bar.finish("loss 0.5 acc 0.9");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void terminalGetsRedrawsPipesOnlyTheFinalLine() {
        String tty = draw(true);
        assertTrue(tty.contains("\r"), tty);
        assertTrue(tty.contains("2/4 loss 1.0"), tty);
        String piped = draw(false);
        assertEquals("epoch 1 [" + "=".repeat(30) + "] 4/4 loss 0.5 acc 0.9\n", piped);
    }
}
