package dev.timbre.demo.launch;

import dev.timbre.infra.process.ChildProcess;
import dev.timbre.infra.process.ChildSupportJar;
import dev.timbre.infra.process.ParentWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A running service JVM: started from its module's build output, healthy once {@code /health} answers 200. */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private final ChildProcess child;

    private ServiceProcess(ServiceSpec spec, ChildProcess child) {
        this.spec = spec;
        this.child = child;
    }

    public static ServiceProcess start(ServiceSpec spec, Path logDir) {
        Path classes = spec.moduleDir().resolve("target").resolve("classes");
        Path classpathFile = spec.moduleDir().resolve("target").resolve("runtime-classpath.txt");
        if (!Files.isDirectory(classes) || !Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(spec.name() + " is not built: expected " + classes + " and " + classpathFile
                    + " (run `mvn -DskipTests package` first; infra/bin/demo does)");
        }
        String classpath;
        try {
            classpath = String.join(java.io.File.pathSeparator, classes.toString(),
                    Files.readString(classpathFile).trim(), ChildSupportJar.of(ParentWatch.class).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        jvmArgs.add("-Dmicronaut.server.port=" + spec.port());
        spec.properties().forEach((k, v) -> jvmArgs.add("-D" + k + "=" + v));
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        ChildProcess child = ChildProcess.startJava(spec.name(), java, jvmArgs, classpath, spec.mainClass(), List.of(),
                spec.moduleDir(), logDir.resolve(spec.name() + ".log"));
        return new ServiceProcess(spec, child);
    }

    /** Polls {@code /health} until it answers 200; fails with the log's tail if the JVM dies or time runs out. */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!child.isAlive()) {
                throw new IllegalStateException(spec.name() + " exited during startup" + child.describeLog());
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + spec.name(), e);
            }
            sleep(500);
        }
        throw new IllegalStateException(spec.name() + " was not healthy within " + timeout + child.describeLog());
    }

    public String baseUrl() {
        return "http://localhost:" + spec.port();
    }

    public ServiceSpec spec() {
        return spec;
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    public Path logFile() {
        return child.logFile();
    }

    @Override
    public void close() {
        child.stop(Duration.ofSeconds(20));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
