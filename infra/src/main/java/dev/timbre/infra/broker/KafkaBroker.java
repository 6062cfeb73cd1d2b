package dev.timbre.infra.broker;

import dev.timbre.infra.PlatformException;
import dev.timbre.infra.process.ChildProcess;
import dev.timbre.infra.process.ChildSupportJar;
import dev.timbre.infra.process.ParentWatch;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka (KRaft, broker and controller combined) in a child JVM whose classpath holds
 * only the Kafka server jars, so Scala and the broker's dependencies never meet the services' classpath.
 * Storage is formatted with a fresh cluster id at every start: the local registry is in memory, so data
 * kept across restarts would reference schema ids that no longer exist.
 */
public final class KafkaBroker implements AutoCloseable {
    /** Resource written at build time by maven-dependency-plugin's build-classpath goal. */
    static final String CLASSPATH_RESOURCE = "/dev/timbre/infra/broker.classpath";
    private static final String HOST = "127.0.0.1";

    private volatile ChildProcess process;
    private final int port;
    private final String clusterId;
    /** How the child was started, so that {@link #restart} can start it again on the same storage. */
    private Settings settings;
    private List<String> launchJvmArgs;
    private String launchClasspath;
    private Path launchConfig;

    private KafkaBroker(ChildProcess process, int port, String clusterId) {
        this.process = process;
        this.port = port;
        this.clusterId = clusterId;
    }

    /** Settings of one broker; {@code workDir} holds its data, config and log. */
    public record Settings(Path workDir, int port, int controllerPort, Path java, List<String> jvmArgs,
                           Duration startTimeout) {
    }

    /** Formats storage, starts the broker and returns once it accepts metadata requests. */
    public static KafkaBroker start(Settings settings) {
        Path dir = settings.workDir();
        Path logDirs = dir.resolve("data");
        Path logFile = dir.resolve("kafka.log");
        String clusterId = Uuid.randomUuid().toString();
        try {
            deleteRecursively(logDirs);
            Files.createDirectories(logDirs);
            Files.deleteIfExists(logFile);
            Path config = dir.resolve("server.properties");
            writeProperties(config, serverProperties(settings, logDirs), "Timbre local broker (generated)");
            Path log4j = dir.resolve("log4j.properties");
            try (InputStream in = KafkaBroker.class.getResourceAsStream("/dev/timbre/infra/broker-log4j.properties")) {
                Files.copy(in, log4j, StandardCopyOption.REPLACE_EXISTING);
            }
            String classpath = ChildSupportJar.of(ParentWatch.class, FormatAndRun.class) + File.pathSeparator
                    + brokerClasspath();
            List<String> jvmArgs = new ArrayList<>(settings.jvmArgs());
            jvmArgs.add("-Dlog4j.configuration=" + log4j.toUri());
            jvmArgs.add("-Dkafka.logs.dir=" + dir);

            ChildProcess broker = ChildProcess.startJava("Kafka broker", settings.java(), jvmArgs, classpath,
                    FormatAndRun.class.getName(), List.of(clusterId, config.toString()), dir, logFile);
            KafkaBroker started = new KafkaBroker(broker, settings.port(), clusterId);
            started.settings = settings;
            started.launchJvmArgs = jvmArgs;
            started.launchClasspath = classpath;
            started.launchConfig = config;
            try {
                started.awaitReady(settings.startTimeout());
            } catch (RuntimeException e) {
                broker.stop(Duration.ofSeconds(5));
                throw e;
            }
            return started;
        } catch (IOException e) {
            throw new PlatformException("Cannot prepare Kafka in " + dir + ": " + e.getMessage(), e);
        }
    }

    static Properties serverProperties(Settings settings, Path logDirs) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + settings.controllerPort());
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + settings.port() + ",CONTROLLER://" + HOST + ":"
                + settings.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + settings.port());
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDirs.toString());
        // One node: every internal topic has a single replica; transactions (exactly-once) need ISR 1.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Fewer internal partitions than the defaults (50): much faster first group/transaction use.
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("num.partitions", "3");
        // Consumer groups start immediately instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Small heap footprint for the compaction cleaner (default 128 MiB).
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        return p;
    }

    static String brokerClasspath() {
        String raw;
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new PlatformException("Resource " + CLASSPATH_RESOURCE + " is missing: build timbre-infra with"
                        + " Maven (mvn -pl infra -am install -DskipTests) so it lists the Kafka server jars");
            }
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new PlatformException("Cannot read " + CLASSPATH_RESOURCE, e);
        }
        for (String entry : raw.split(File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                throw new PlatformException("Kafka server jar " + entry + " is missing (was ~/.m2 cleaned?);"
                        + " rebuild timbre-infra: mvn -pl infra -am install -DskipTests");
            }
        }
        return raw;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!portOpen()) {
            checkAlive();
            if (System.nanoTime() > deadline) {
                throw new PlatformException("Kafka broker did not open port " + port + " within " + timeout
                        + process.describeLog());
            }
            sleep(100);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "timbre-readiness");
        try (Admin admin = Admin.create(props)) {
            while (true) {
                checkAlive();
                try {
                    // Only registered, unfenced brokers are listed: then topics can be created.
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new PlatformException("Interrupted while waiting for Kafka", e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new PlatformException("Kafka broker not ready within " + timeout + process.describeLog());
                }
                sleep(100);
            }
        }
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new PlatformException("Kafka broker exited during startup" + process.describeLog());
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public String clusterId() {
        return clusterId;
    }

    public ChildProcess process() {
        return process;
    }

    /**
     * Stops the broker (controlled shutdown, or SIGKILL when {@code kill}) and starts it again on the same port,
     * cluster id and storage, as a broker restart or crash in production; returns once it is ready again.
     */
    public synchronized void restart(boolean kill) {
        if (kill) {
            process.stop(Duration.ZERO);
        } else {
            process.stop(Duration.ofSeconds(30));
        }
        Path dir = settings.workDir();
        process = ChildProcess.startJava("Kafka broker", settings.java(), launchJvmArgs, launchClasspath,
                FormatAndRun.class.getName(), List.of(clusterId, launchConfig.toString(), FormatAndRun.KEEP_STORAGE),
                dir, dir.resolve("kafka.log"));
        awaitReady(settings.startTimeout());
    }

    /** Controlled shutdown (SIGTERM), killed after 30 s. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    private static void writeProperties(Path file, Properties props, String comment) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, comment);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("Interrupted while waiting for Kafka", e);
        }
    }
}
