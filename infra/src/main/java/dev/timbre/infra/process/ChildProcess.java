package dev.timbre.infra.process;

import dev.timbre.infra.PlatformException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM (broker or registry) whose stdout and stderr go to a log file. Stopping sends SIGTERM, waits,
 * then kills; the child's stdin pipe is held open for {@link ParentWatch}.
 */
public final class ChildProcess {
    private final String name;
    private final Process process;
    private final Path logFile;
    private final OutputStream stdin;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.stdin = process.getOutputStream();
    }

    /**
     * Starts {@code java [jvmArgs] -cp classpath ParentWatch mainClass [args]} in {@code workDir}.
     */
    public static ChildProcess startJava(String name, Path java, List<String> jvmArgs, String classpath,
                                         String mainClass, List<String> args, Path workDir, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(ParentWatch.class.getName());
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new PlatformException("Cannot start " + name + " (" + java + "): " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits for a child that is meant to finish (e.g. a storage format) and fails with its log tail. */
    public void awaitSuccess(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(Duration.ofSeconds(2));
                throw new PlatformException(name + " did not finish within " + timeout + describeLog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(Duration.ofSeconds(2));
            throw new PlatformException("Interrupted while waiting for " + name, e);
        }
        if (process.exitValue() != 0) {
            throw new PlatformException(name + " failed with exit code " + process.exitValue() + describeLog());
        }
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL; also reaps any grandchildren. */
    public void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the child is gone; nothing left to tell it
        }
    }

    /** Closes the pipe the child's {@link ParentWatch} reads, exactly as the launcher's death would. */
    void simulateParentDeath() throws IOException {
        stdin.close();
    }

    /** A ready-to-append paragraph with the log's path and its last lines, for error messages. */
    public String describeLog() {
        return "\n--- last lines of " + logFile + " ---\n" + tail(logFile, 40) + "--- end of " + name + " log ---";
    }

    /** The last {@code lines} lines of a (possibly large) log file. */
    public static String tail(Path file, int lines) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
            StringBuilder out = new StringBuilder();
            for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
                out.append(all[i]).append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")\n";
        }
    }
}
