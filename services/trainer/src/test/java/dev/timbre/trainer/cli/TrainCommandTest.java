package dev.timbre.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class TrainCommandTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new TrainCommand());
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    @Test
    void dataAndSyntheticAreMutuallyExclusiveAndOneIsRequired() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--data", "/tmp/x", "--synthetic", "3", "--out", "/tmp/o"));
        assertTrue(err.toString().contains("mutually exclusive"), err.toString());
        assertEquals(2, run(new StringWriter(), "--out", "/tmp/o"));
        assertEquals(2, run(new StringWriter(), "--synthetic", "3"));
    }

    @Test
    void unknownModelIsRejectedBeforeAnyWork() {
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "--synthetic", "1", "--model", "huge", "--out", "/tmp/o"));
        assertTrue(err.toString().contains("unknown model 'huge'"), err.toString());
    }

    @Test
    void helpListsTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new TrainCommand());
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--help"));
        for (String option : new String[] {"--data", "--synthetic", "--out", "--model", "--patience", "--seed", "--split",
                "--recipe", "--hop", "--synthetic-genres", "--no-baseline", "--ema", "--eq"}) {
            assertTrue(out.toString().contains(option), option);
        }
    }

    @Test
    void aLayoutThatDoesNotFitTheSplitIsAClearErrorBeforeTraining(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("jazz"));
        dev.timbre.audio.io.WavWriter.write(dir.resolve("jazz/a.wav"), new float[70_000], 22_050);
        StringWriter err = new StringWriter();
        assertEquals(1, run(err, "--data", dir.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("--split random"), err.toString());
        StringWriter split = new StringWriter();
        assertEquals(1, run(split, "--data", dir.toString(), "--split", "sideways", "--out", "/tmp/o"));
        assertTrue(split.toString().contains("unknown split 'sideways'"), split.toString());
    }

    @Test
    void evaluatedFoldersAreNamedByTheirPlaceUnderTheDataRoot() {
        java.nio.file.Path root = java.nio.file.Path.of("/data/gtzan");
        assertEquals("valid", TrainCommand.partName(root.resolve("valid"), java.util.List.of(root)));
        assertEquals("extra/fma", TrainCommand.partName(root.resolve("extra/fma"), java.util.List.of(root)));
        assertEquals("elsewhere", TrainCommand.partName(java.nio.file.Path.of("/x/elsewhere"), java.util.List.of(root)));
    }
}
