package dev.timbre.infra.registry;

import dev.timbre.infra.PlatformException;
import dev.timbre.infra.process.ChildProcess;
import dev.timbre.infra.process.ChildSupportJar;
import dev.timbre.infra.process.ParentWatch;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Apicurio Registry (Quarkus, in-memory storage) in a child JVM bound to 127.0.0.1, with its
 * Confluent-compatible API at {@code /apis/ccompat/v7} and global compatibility set to BACKWARD.
 */
public final class ApicurioRegistry implements AutoCloseable {
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    private static final String HOST = "127.0.0.1";

    private final ChildProcess process;
    private final int port;
    private final ApicurioDistribution distribution;

    private ApicurioRegistry(ChildProcess process, int port, ApicurioDistribution distribution) {
        this.process = process;
        this.port = port;
        this.distribution = distribution;
    }

    public record Settings(Path workDir, int port, int managementPort, ApicurioDistribution distribution,
                           List<String> jvmArgs, Duration startTimeout) {
    }

    public static ApicurioRegistry start(Settings settings) {
        ApicurioDistribution dist = settings.distribution();
        Path logFile = settings.workDir().resolve("registry.log");
        try {
            Files.createDirectories(settings.workDir());
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new PlatformException("Cannot prepare " + settings.workDir() + ": " + e.getMessage(), e);
        }
        List<String> jvmArgs = new ArrayList<>(settings.jvmArgs());
        jvmArgs.addAll(dist.manifestJvmFlags());
        jvmArgs.add("-Dquarkus.http.host=" + HOST);
        jvmArgs.add("-Dquarkus.http.port=" + settings.port());
        jvmArgs.add("-Dquarkus.management.host=" + HOST);
        jvmArgs.add("-Dquarkus.management.port=" + settings.managementPort());
        jvmArgs.add("-Dquarkus.banner.enabled=false");
        if (dist.majorVersion() >= 3) {
            // Local/test registries: let developers and tests delete subjects like on Confluent's.
            jvmArgs.add("-Dapicurio.rest.deletion.group.enabled=true");
            jvmArgs.add("-Dapicurio.rest.deletion.artifact.enabled=true");
            jvmArgs.add("-Dapicurio.rest.deletion.artifact-version.enabled=true");
        } else {
            jvmArgs.add("-Dregistry.rest.artifact.deletion.enabled=true");
        }
        String classpath = ChildSupportJar.of(ParentWatch.class) + File.pathSeparator + dist.runnerJar();
        ChildProcess child = ChildProcess.startJava("Apicurio Registry " + dist.version(), dist.java(), jvmArgs,
                classpath, dist.mainClass(), List.of(), dist.home(), logFile);
        ApicurioRegistry registry = new ApicurioRegistry(child, settings.port(), dist);
        try {
            registry.awaitReady(settings.startTimeout());
            registry.setGlobalCompatibility("BACKWARD");
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** Base URL of the registry (its UI-less REST root). */
    public String baseUrl() {
        return "http://" + HOST + ":" + port;
    }

    /** The Confluent-compatible endpoint: what serdes take as {@code schema.registry.url}. */
    public String ccompatUrl() {
        return baseUrl() + CCOMPAT_PATH;
    }

    public ApicurioDistribution distribution() {
        return distribution;
    }

    public ChildProcess process() {
        return process;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/config"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new PlatformException(process.name() + " exited during startup" + process.describeLog());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("Interrupted while waiting for the registry", e);
            }
            if (System.nanoTime() > deadline) {
                throw new PlatformException(process.name() + " not ready within " + timeout + process.describeLog());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("Interrupted while waiting for the registry", e);
            }
        }
    }

    /** Sets the global compatibility level through the ccompat API (works against any compatible registry). */
    public void setGlobalCompatibility(String level) {
        setGlobalCompatibility(ccompatUrl(), level);
    }

    public static void setGlobalCompatibility(String ccompatUrl, String level) {
        HttpRequest put = HttpRequest.newBuilder(URI.create(ccompatUrl + "/config"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new PlatformException("Setting compatibility " + level + " at " + ccompatUrl + " failed: HTTP "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new PlatformException("Cannot reach the registry at " + ccompatUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while configuring the registry", e);
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
