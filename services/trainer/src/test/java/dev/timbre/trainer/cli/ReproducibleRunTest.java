package dev.timbre.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.timbre.trainer.export.ModelCard;

/**
 * Two separate JVMs running the CLI with the same seed produce bit-identical weights (the model version
 * embeds their hash). In-process repeats would not catch op-scheduling races between weight updates and
 * gradient reads; separate processes do.
 */
class ReproducibleRunTest {

    @Test
    void sameSeedSameWeightsAcrossProcesses(@TempDir Path dir) throws Exception {
        String first = train(dir.resolve("a"));
        String second = train(dir.resolve("b"));
        assertTrue(first.startsWith("cnn-shortchunk-"), "the default export: " + first);
        assertEquals(first, second);
    }

    private static String train(Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Djava.awt.headless=true", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path")));
        for (String key : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
            String v = System.getProperty(key);
            if (v != null) {
                cmd.add("-D" + key + "=" + v);
            }
        }
        cmd.addAll(List.of(TrainCommand.class.getName(), "--synthetic", "3", "--seconds", "3.5", "--epochs", "2",
                "--min-epochs", "1", "--batch-size", "8", "--seed", "3", "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] log = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "trainer did not finish");
        assertEquals(0, p.exitValue(), new String(log, StandardCharsets.UTF_8));
        return (String) ModelCard.read(out.resolve("genre-cnn")).get("modelVersion");
    }
}
