package dev.timbre.infra.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.timbre.infra.PlatformException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @Test
    void childExitsWhenItsParentGoesAway(@TempDir Path dir) throws Exception {
        ChildProcess child = ChildProcess.startJava("sleeper", JAVA, List.of(), System.getProperty("java.class.path"),
                SleepingChild.class.getName(), List.of("a", "b"), dir, dir.resolve("child.log"));
        try {
            awaitLog(dir.resolve("child.log"), "child started a,b");
            assertTrue(child.isAlive());
            // what the OS does to the pipe when the launcher dies, even by SIGKILL
            ProcessHandle handle = ProcessHandle.of(child.pid()).orElseThrow();
            child.simulateParentDeath();
            handle.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(child.isAlive());
        } finally {
            child.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void failedChildReportsExitCodeAndLogTail(@TempDir Path dir) {
        ChildProcess child = ChildProcess.startJava("broken", JAVA, List.of(), System.getProperty("java.class.path"),
                "no.such.MainClass", List.of(), dir, dir.resolve("broken.log"));
        PlatformException e = assertThrows(PlatformException.class, () -> child.awaitSuccess(Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("exit code") && e.getMessage().contains("no.such.MainClass"), e.getMessage());
    }

    @Test
    void stopTerminatesARunningChild(@TempDir Path dir) throws Exception {
        ChildProcess child = ChildProcess.startJava("sleeper", JAVA, List.of(), System.getProperty("java.class.path"),
                SleepingChild.class.getName(), List.of(), dir, dir.resolve("child.log"));
        awaitLog(dir.resolve("child.log"), "child started");
        child.stop(Duration.ofSeconds(10));
        assertFalse(child.isAlive());
    }

    private static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("child never logged '" + text + "'");
            }
            Thread.sleep(50);
        }
    }
}
