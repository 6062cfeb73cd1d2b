package dev.timbre.infra;

import dev.timbre.infra.broker.KafkaBroker;
import dev.timbre.infra.process.PortAllocator;
import dev.timbre.infra.registry.ApicurioDistribution;
import dev.timbre.infra.registry.ApicurioRegistry;
import dev.timbre.infra.topics.TopicCreator;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A running local Timbre platform: one Kafka broker (KRaft) and one Apicurio Registry, both child JVMs on
 * loopback ports, with the topics of {@code infra/topics.yaml} created. Start with
 * {@link #start(PlatformOptions)}; {@link #close()} (or JVM exit, via a shutdown hook) stops both.
 */
public final class LocalPlatform implements AutoCloseable {
    /** Written into the data folder while running, so other processes can find the platform. */
    public static final String PROPERTIES_FILE = "platform.properties";

    private final PlatformOptions options;
    private final KafkaBroker broker;
    private final ApicurioRegistry registry;
    private final FileLock lock;
    private final List<Integer> ports;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private LocalPlatform(PlatformOptions options, KafkaBroker broker, ApicurioRegistry registry, FileLock lock,
                          List<Integer> ports) {
        this.options = options;
        this.ports = List.copyOf(ports);
        this.broker = broker;
        this.registry = registry;
        this.lock = lock;
        this.shutdownHook = new Thread(this::stopChildren, "timbre-platform-shutdown");
    }

    /**
     * Starts broker and registry in parallel, waits until both are healthy, sets the registry's global
     * compatibility to BACKWARD and creates the topics.
     *
     * @throws PlatformException naming the part that failed, with the tail of its log
     */
    public static LocalPlatform start(PlatformOptions options) {
        try {
            return startOnce(options);
        } catch (PlatformException e) {
            // A free port picked here can be taken by another process before the child binds it (tests of
            // other modules run beside ours): one more try with freshly picked ports.
            if (options.strictPorts() || !portTaken(e)) {
                throw e;
            }
            options.log().accept("a port was taken while starting; retrying with other ports");
            return startOnce(options);
        }
    }

    /** Kafka says "Address already in use", Quarkus "Port N seems to be in use by another process". */
    static boolean portTaken(PlatformException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Address already in use") || message.contains("seems to be in use");
    }

    private static LocalPlatform startOnce(PlatformOptions options) {
        long started = System.nanoTime();
        Path dataDir = options.dataDir().toAbsolutePath();
        FileLock lock = lockDataDir(dataDir);
        ExecutorService starter = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "timbre-platform-start");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<KafkaBroker> brokerFuture = null;
        CompletableFuture<ApicurioRegistry> registryFuture = null;
        try {
            ApicurioDistribution distribution = ApicurioDistribution.locate();
            PortAllocator ports = new PortAllocator(options.strictPorts(), options.log());
            int brokerPort = ports.allocate("Kafka broker", options.brokerPort());
            int controllerPort = ports.allocate("Kafka controller", options.controllerPort());
            int registryPort = ports.allocate("Apicurio Registry HTTP", options.registryPort());
            int managementPort = ports.allocate("Apicurio Registry management", options.registryManagementPort());
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");

            KafkaBroker.Settings brokerSettings = new KafkaBroker.Settings(dataDir.resolve("kafka"), brokerPort,
                    controllerPort, java, List.of("-Xms128m", "-Xmx768m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"), options.startTimeout());
            ApicurioRegistry.Settings registrySettings = new ApicurioRegistry.Settings(dataDir.resolve("registry"),
                    registryPort, managementPort, distribution, List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"), options.startTimeout());
            options.log().accept("starting Kafka " + "on 127.0.0.1:" + brokerPort + " and Apicurio Registry "
                    + distribution.version() + " on 127.0.0.1:" + registryPort + " (data in " + dataDir + ")");
            brokerFuture = CompletableFuture.supplyAsync(() -> timed("Kafka broker", started, options,
                    () -> KafkaBroker.start(brokerSettings)), starter);
            registryFuture = CompletableFuture.supplyAsync(() -> timed("Apicurio Registry", started, options,
                    () -> ApicurioRegistry.start(registrySettings)), starter);
            CompletableFuture.allOf(brokerFuture, registryFuture).exceptionally(e -> null).join();
            KafkaBroker broker = brokerFuture.join();
            ApicurioRegistry registry = registryFuture.join();

            LocalPlatform platform = new LocalPlatform(options, broker, registry, lock,
                    distribution.majorVersion() >= 3 // Apicurio 2.6 has no separate management interface
                            ? List.of(brokerPort, controllerPort, registryPort, managementPort)
                            : List.of(brokerPort, controllerPort, registryPort));
            Runtime.getRuntime().addShutdownHook(platform.shutdownHook);
            try {
                options.topics().ifPresent(catalog -> new TopicCreator(options.log(), options.startTimeout())
                        .apply(broker.bootstrapServers(), catalog.topics()));
                platform.writePropertiesFile();
            } catch (RuntimeException e) {
                platform.close();
                throw e;
            }
            options.log().accept(String.format("platform ready in %.1f s: bootstrap.servers=%s schema.registry.url=%s",
                    (System.nanoTime() - started) / 1e9, platform.bootstrapServers(), platform.registryUrl()));
            return platform;
        } catch (RuntimeException e) {
            closeQuietly(brokerFuture);
            closeQuietly(registryFuture);
            releaseQuietly(lock);
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof PlatformException pe) {
                throw pe;
            }
            throw new PlatformException("Local platform failed to start: " + cause.getMessage(), cause);
        } finally {
            starter.shutdown();
        }
    }

    private static <T> T timed(String what, long since, PlatformOptions options, Supplier<T> start) {
        T result = start.get();
        options.log().accept(String.format("%s ready after %.1f s", what, (System.nanoTime() - since) / 1e9));
        return result;
    }

    /** {@code host:port} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The registry's Confluent-compatible URL ({@code .../apis/ccompat/v7}), for {@code schema.registry.url}. */
    public String registryUrl() {
        return registry.ccompatUrl();
    }

    /** The registry's root URL (Apicurio's own REST API lives under {@code /apis/registry}). */
    public String registryBaseUrl() {
        return registry.baseUrl();
    }

    public Path dataDir() {
        return options.dataDir().toAbsolutePath();
    }

    public Path brokerLog() {
        return broker.process().logFile();
    }

    public Path registryLog() {
        return registry.process().logFile();
    }

    /** Restarts the broker on the same port and storage (chaos tests); the registry keeps running. */
    public void restartBroker(boolean kill) {
        broker.restart(kill);
        writePropertiesFile();
    }

    /** Process ids of the broker and registry JVMs (for diagnostics and tests). */
    public List<Long> childPids() {
        return List.of(broker.process().pid(), registry.process().pid());
    }

    /** Every loopback port the platform listens on: broker, controller, registry HTTP (and management, 3.x). */
    public List<Integer> ports() {
        return ports;
    }

    public String registryVersion() {
        return registry.distribution().version();
    }

    /** Stops registry and broker (in parallel), frees the ports and the data folder. Idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook itself is running or about to
        }
        stopChildren();
    }

    private synchronized void stopChildren() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> registryStop = CompletableFuture.runAsync(registry::close);
        broker.close();
        registryStop.join();
        try {
            Files.deleteIfExists(dataDir().resolve(PROPERTIES_FILE));
        } catch (IOException ignored) {
            // a stale file is harmless: its ports no longer answer
        }
        releaseQuietly(lock);
    }

    private void writePropertiesFile() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers());
        p.setProperty("schema.registry.url", registryUrl());
        p.setProperty("registry.base.url", registryBaseUrl());
        p.setProperty("registry.version", registryVersion());
        p.setProperty("kafka.cluster.id", broker.clusterId());
        p.setProperty("kafka.pid", String.valueOf(broker.process().pid()));
        p.setProperty("registry.pid", String.valueOf(registry.process().pid()));
        p.setProperty("launcher.pid", String.valueOf(ProcessHandle.current().pid()));
        Path file = dataDir().resolve(PROPERTIES_FILE);
        try {
            Path temp = Files.createTempFile(dataDir(), PROPERTIES_FILE, ".tmp");
            try (Writer out = Files.newBufferedWriter(temp)) {
                p.store(out, "Running local Timbre platform (deleted when it stops)");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PlatformException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** One platform per data folder: a second one would wipe the first one's broker storage. */
    private static FileLock lockDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new PlatformException("Another Timbre platform is running with data folder " + dataDir
                        + " (see " + dataDir.resolve(PROPERTIES_FILE) + "); stop it or choose another --data-dir");
            }
            return lock;
        } catch (IOException e) {
            throw new PlatformException("Cannot lock data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void releaseQuietly(FileLock lock) {
        try {
            if (lock.channel().isOpen()) {
                lock.release();
                lock.channel().close();
            }
        } catch (IOException ignored) {
            // the lock dies with the channel anyway
        }
    }

    private static void closeQuietly(CompletableFuture<? extends AutoCloseable> future) {
        if (future == null) {
            return;
        }
        try {
            future.join().close();
        } catch (Exception ignored) {
            // it failed to start, so there is nothing to stop
        }
    }
}
