package dev.timbre.demo.launch;

import dev.timbre.infra.process.PortAllocator;
import dev.timbre.infra.s3.LocalS3;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code infra/bin/demo --blob s3}: a real S3 API server (S3Proxy, filesystem backend under {@code <workDir>}) next to
 * the broker and registry, one bucket, and the {@code timbre.blob.*} settings that point ingest and
 * feature-extraction at it. They are set as system properties of the launcher, which {@link Pipeline} passes on to
 * both services. {@code --blob local} (the default) keeps the audio in a folder.
 */
public final class DemoS3 implements AutoCloseable {
    public static final String BUCKET = "timbre-audio";
    public static final String PREFIX = "demo/";
    /** The conventional port of S3-compatible servers on a developer machine; another free one if taken. */
    static final int PORT = 9000;

    private final LocalS3 server;

    private DemoS3(LocalS3 server) {
        this.server = server;
    }

    /** {@code --blob} value: {@code local} (or absent) gives null, {@code s3} a started server; anything else fails. */
    public static DemoS3 forOption(String blob, Path workDir, Consumer<String> log) {
        if (blob == null || blob.equals("local")) {
            return null;
        }
        if (!blob.equals("s3")) {
            throw new IllegalArgumentException("--blob must be 'local' or 's3', got '" + blob + "'");
        }
        return start(workDir, log);
    }

    public static DemoS3 start(Path workDir, Consumer<String> log) {
        int port = new PortAllocator(false, log).allocate("S3Proxy", PORT);
        LocalS3 server = LocalS3.start(LocalS3.Settings.defaults(workDir, port, "timbre-demo",
                UUID.randomUUID().toString()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "timbre-demo-s3-stop"));
        server.createBucket(BUCKET);
        DemoS3 s3 = new DemoS3(server);
        s3.blobProperties().forEach(System::setProperty);
        log.accept("S3 (S3Proxy): " + server.endpoint() + "   bucket: " + BUCKET + "   prefix: " + PREFIX
                + "   objects under " + server.bucketDir(BUCKET));
        return s3;
    }

    /** Removes the launcher's {@code timbre.blob.*} system properties again (tests that start more than one system). */
    public static void forget() {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("timbre.blob."))
                .forEach(System::clearProperty);
    }

    /** The settings ingest and feature-extraction get (explicit keys, path style, endpoint override). */
    public Map<String, String> blobProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("timbre.blob.store", "s3");
        p.put("timbre.blob.s3.bucket", BUCKET);
        p.put("timbre.blob.s3.prefix", PREFIX);
        p.put("timbre.blob.s3.region", server.region());
        p.put("timbre.blob.s3.endpoint", server.endpoint());
        p.put("timbre.blob.s3.path-style", "true");
        p.put("timbre.blob.s3.access-key-id", server.accessKey());
        p.put("timbre.blob.s3.secret-access-key", server.secretKey());
        return p;
    }

    public LocalS3 server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
