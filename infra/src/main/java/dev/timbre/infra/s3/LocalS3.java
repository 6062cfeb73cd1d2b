package dev.timbre.infra.s3;

import dev.timbre.infra.PlatformException;
import dev.timbre.infra.process.ChildProcess;
import dev.timbre.infra.process.ChildSupportJar;
import dev.timbre.infra.process.ParentWatch;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A real S3 API server on 127.0.0.1: <a href="https://github.com/gaul/s3proxy">S3Proxy</a> with the jclouds
 * {@code filesystem} backend (one folder per bucket under {@code <workDir>/buckets}, metadata in extended
 * attributes), AWS signature v2/v4 authentication with the given access key and secret. It runs in a child
 * JVM on its own self-contained jar, so its Jetty, jclouds and Guava never meet the caller's classpath; like the
 * broker it exits when its launcher dies.
 */
public final class LocalS3 implements AutoCloseable {
    static final String RESOURCE = "/dev/timbre/infra/s3proxy.properties";
    private static final String HOST = "127.0.0.1";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** S3Proxy's default; any region is accepted by the server, clients sign with this one. */
    public static final String REGION = "us-east-1";

    private final ChildProcess process;
    private final int port;
    private final Path bucketsDir;
    private final String accessKey;
    private final String secretKey;

    private LocalS3(ChildProcess process, int port, Path bucketsDir, String accessKey, String secretKey) {
        this.process = process;
        this.port = port;
        this.bucketsDir = bucketsDir;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Settings of one server; {@code workDir} holds its buckets, properties and log. */
    public record Settings(Path workDir, int port, String accessKey, String secretKey, Path java, Duration startTimeout) {
        public Settings {
            if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
                throw new IllegalArgumentException("S3 access key and secret are required");
            }
        }

        public static Settings defaults(Path workDir, int port, String accessKey, String secretKey) {
            return new Settings(workDir, port, accessKey, secretKey,
                    Path.of(System.getProperty("java.home"), "bin", "java"), Duration.ofSeconds(60));
        }
    }

    /** Starts S3Proxy and returns once it answers HTTP requests. */
    public static LocalS3 start(Settings settings) {
        Path dir = settings.workDir();
        Path buckets = dir.resolve("buckets");
        Path logFile = dir.resolve("s3proxy.log");
        try {
            Files.createDirectories(buckets);
            Files.deleteIfExists(logFile);
            Properties p = new Properties();
            p.put("s3proxy.endpoint", "http://" + HOST + ":" + settings.port());
            p.put("s3proxy.authorization", "aws-v2-or-v4");
            p.put("s3proxy.identity", settings.accessKey());
            p.put("s3proxy.credential", settings.secretKey());
            p.put("jclouds.provider", "filesystem");
            p.put("jclouds.filesystem.basedir", buckets.toString());
            p.put("jclouds.identity", "local");
            p.put("jclouds.credential", "local");
            Path config = dir.resolve("s3proxy.properties");
            try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                p.store(out, "Timbre local S3 API server (generated)");
            }
            String classpath = ChildSupportJar.of(ParentWatch.class) + File.pathSeparator + s3proxyJar();
            List<String> jvmArgs = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Djava.io.tmpdir=" + dir);
            ChildProcess child = ChildProcess.startJava("S3Proxy", settings.java(), jvmArgs, classpath,
                    "org.gaul.s3proxy.Main", List.of("--properties", config.toString()), dir, logFile);
            LocalS3 started = new LocalS3(child, settings.port(), buckets, settings.accessKey(), settings.secretKey());
            try {
                started.awaitReady(settings.startTimeout());
            } catch (RuntimeException e) {
                child.stop(Duration.ofSeconds(5));
                throw e;
            }
            return started;
        } catch (IOException e) {
            throw new PlatformException("Cannot prepare S3Proxy in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The jar the build copied into infra/target, else the same jar in the local Maven repository. */
    static Path s3proxyJar() {
        Properties props = new Properties();
        try (InputStream in = LocalS3.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new PlatformException("Resource " + RESOURCE + " is missing: build timbre-infra with Maven"
                        + " (mvn -pl infra -am install -DskipTests)");
            }
            props.load(in);
        } catch (IOException e) {
            throw new PlatformException("Cannot read " + RESOURCE, e);
        }
        for (String key : List.of("s3proxy.jar", "s3proxy.repository.jar")) {
            String value = props.getProperty(key, "");
            if (!value.isBlank() && !value.contains("${") && Files.isRegularFile(Path.of(value))) {
                return Path.of(value);
            }
        }
        throw new PlatformException("S3Proxy " + props.getProperty("s3proxy.version") + " jar not found at "
                + props.getProperty("s3proxy.jar") + " nor " + props.getProperty("s3proxy.repository.jar")
                + "; rebuild timbre-infra: mvn -pl infra -am install -DskipTests");
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new PlatformException("S3Proxy exited during startup" + process.describeLog());
            }
            if (answers()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new PlatformException("S3Proxy did not answer on port " + port + " within " + timeout
                        + process.describeLog());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("Interrupted while waiting for S3Proxy", e);
            }
        }
    }

    /** Any HTTP answer (an anonymous request gets 403) means the server is up. */
    private boolean answers() {
        try {
            HttpURLConnection http = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
            http.setConnectTimeout(500);
            http.setReadTimeout(2000);
            try {
                return http.getResponseCode() > 0;
            } finally {
                http.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates a bucket. With the filesystem backend a bucket is a folder, so no S3 client is needed here
     * (timbre-infra stays free of the AWS SDK). The folder is private (rwx------): jclouds reports a folder
     * that others may read as a public-read bucket, which S3Proxy would then list to anonymous callers.
     */
    public void createBucket(String bucket) {
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("invalid bucket name: " + bucket);
        }
        try {
            Path folder = Files.createDirectories(bucketsDir.resolve(bucket));
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new PlatformException("Cannot create bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    /** Where the objects of {@code bucket} are stored (one file per key), for tests that look behind the API. */
    public Path bucketDir(String bucket) {
        return bucketsDir.resolve(bucket);
    }

    /** {@code http://127.0.0.1:<port>}: needs path-style access. */
    public String endpoint() {
        return "http://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return REGION;
    }

    public Path logFile() {
        return process.logFile();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
