package dev.timbre.ingest;

import com.sun.net.httpserver.HttpServer;
import dev.timbre.audio.io.WavWriter;
import dev.timbre.infra.process.ChildProcess;
import dev.timbre.infra.process.ParentWatch;
import dev.timbre.infra.testing.KafkaPlatformExtension;
import dev.timbre.infra.testing.TestPlatform;
import dev.timbre.platform.http.ApiError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ingest as its own process (the demo's way: its runtime classpath, -D settings, here with a 256 MiB heap and
 * a GC log) on a real broker and registry, attacked over loopback only:
 * <ol>
 *   <li>hostile input: broken multipart, huge fields, path traversal in titles, file names and ids, control
 *       characters, Unicode and invalid UTF-8, malformed HTTP: never a 5xx, never a file outside the blob root,
 *       and the process keeps serving;</li>
 *   <li>a bounded load run of {@code POST /users/{id}/events} and {@code GET /users/{id}/recommendations}
 *       (against a loopback stand-in of the recommendation service that checks the service token): sustained
 *       req/s, p50/p99, errors, zero 5xx;</li>
 *   <li>8 parallel uploads of 50 MB each within that 256 MiB heap (uploads spill to disk and stream into the
 *       blob store), peak heap from the GC log.</li>
 * </ol>
 * Figures are printed ("EDGE …") and written to {@code target/edge-figures.json}.
 */
@ExtendWith(KafkaPlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeHardeningIT {
    static final String ADMIN = "edge-admin-key-000000001";
    static final String ALICE = "edge-alice-key-000000001";
    static final String TOKEN = "edge-service-token-0123456789abcdef";
    static final int HEAP_MB = 256;
    static final Duration LOAD_PHASE = Duration.ofSeconds(8);
    static final int CLIENTS = 8;

    private Path work;
    private Path blobs;
    private Path gcLog;
    private ChildProcess ingest;
    private HttpServer recommendations;
    private final AtomicInteger upstreamUnauthorized = new AtomicInteger();
    private String base;
    private int port;
    private String songId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        TestPlatform platform = TestPlatform.get();
        work = Files.createTempDirectory("edge-hardening");
        blobs = Files.createDirectories(work.resolve("blobs"));
        Files.createDirectories(work.resolve("tmp"));
        gcLog = work.resolve("gc.log");

        recommendations = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        recommendations.setExecutor(Executors.newFixedThreadPool(4));
        recommendations.createContext("/users/", exchange -> {
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                upstreamUnauthorized.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                exchange.close();
                return;
            }
            byte[] body = "{\"userId\":\"x\",\"coldStart\":true,\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        recommendations.start();

        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Path target = Path.of("target");
        String classpath = Path.of("target/classes").toAbsolutePath() + java.io.File.pathSeparator
                + Files.readString(target.resolve("runtime-classpath.txt")).strip() + java.io.File.pathSeparator
                + Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog, "-Djava.io.tmpdir=" + work.resolve("tmp")));
        Map<String, String> props = Map.of(
                "micronaut.server.port", String.valueOf(port),
                "micronaut.server.host", "127.0.0.1",
                "kafka.bootstrap.servers", platform.bootstrapServers(),
                "schema.registry.url", platform.registryUrl(),
                "timbre.security.api-keys", ADMIN + "=admin:ADMIN," + ALICE + "=alice:USER",
                "timbre.blob.root", blobs.toString(),
                "timbre.ingest.recommendation-url", "http://127.0.0.1:" + recommendations.getAddress().getPort(),
                "timbre.service-auth.tokens", TOKEN);
        props.forEach((k, v) -> jvm.add("-D" + k + "=" + v));
        ingest = ChildProcess.startJava("ingest", Path.of(System.getProperty("java.home"), "bin", "java"), jvm, classpath,
                "dev.timbre.ingest.Application", List.of(), work, work.resolve("ingest.log"));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                if (get("/health", null).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (!ingest.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("ingest did not come up: " + ingest.describeLog());
            }
            Thread.sleep(250);
        }
        HttpResponse<String> uploaded = send(multipart("song.wav", WavWriter.toBytes(new float[22_050], 22_050),
                Map.of("title", "Edge", "artist", "Load")), ADMIN);
        assertEquals(202, uploaded.statusCode(), uploaded.body());
        songId = uploaded.body().replaceAll(".*\"songId\":\"([^\"]+)\".*", "$1");
    }

    @AfterAll
    void stop() throws IOException {
        try {
            Files.createDirectories(Path.of("target"));
            StringBuilder json = new StringBuilder("{");
            figures.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":")
                    .append(v instanceof Number ? v.toString() : "\"" + v + "\""));
            Files.writeString(Path.of("target/edge-figures.json"), json.append("}\n"));
        } finally {
            if (ingest != null) {
                ingest.stop(Duration.ofSeconds(10));
            }
            if (recommendations != null) {
                recommendations.stop(0);
            }
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---------------------------------------------------------------- hostile input

    @Test
    @Order(1)
    void hostileInputNeverProducesA5xxNorAFileOutsideTheBlobRoot() throws Exception {
        List<String> outcomes = new ArrayList<>();
        byte[] wav = WavWriter.toBytes(new float[2_205], 22_050);
        String[] names = {"../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/etc/shadow", "%2e%2e%2f%2e%2e%2fescape.wav",
                "a\u0000b.wav", "\u202Egnp.exe", "ünïcødé-🎵.wav", "x".repeat(10_000) + ".wav", "", "CON", ".", "..",
                "sub/dir/file.wav", "line\r\nContent-Type: text/html\r\n\r\n.wav"};
        for (String name : names) {
            outcomes.add(check("multipart filename " + abbreviate(name),
                    send(multipart(name, wav, Map.of("title", "T", "artist", "A")), ADMIN)));
        }
        String[] titles = {"../../../../etc/passwd", "..%2f..%2f", "nul\u0000byte", "bell\u0007", "tab\tnewline\n",
                "Ünïcødé 🎵 \u202Eevil \u0301\u0301\u0301", "x".repeat(100_000), "\uFEFFbom", "\uD800 lone surrogate"};
        for (String title : titles) {
            outcomes.add(check("title " + abbreviate(title), send(multipart("a.wav", wav, Map.of("title", title, "artist", "A")), ADMIN)));
        }
        for (String id : new String[]{"../../outside", "..", "a/b", "a%2fb", "\u0000", "x".repeat(65), "ok-id-" + System.nanoTime()}) {
            outcomes.add(check("songId " + abbreviate(id), send(multipart("a.wav", wav, Map.of("title", "T", "artist", "A", "songId", id)), ADMIN)));
        }
        // invalid UTF-8 in a field, broken and odd multipart bodies
        byte[] invalidUtf8 = concat(("--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE}, "\r\n--B--\r\n".getBytes(StandardCharsets.US_ASCII));
        Map<String, byte[]> broken = new LinkedHashMap<>();
        broken.put("invalid UTF-8 field", invalidUtf8);
        broken.put("no closing boundary", "--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nT\r\n".getBytes(StandardCharsets.US_ASCII));
        broken.put("garbage", "this is not multipart at all \u0000\u0001\u0002".getBytes(StandardCharsets.ISO_8859_1));
        broken.put("empty", new byte[0]);
        broken.put("part without headers", "--B\r\n\r\nvalue\r\n--B--\r\n".getBytes(StandardCharsets.US_ASCII));
        broken.put("headers without blank line", "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n--B--\r\n".getBytes(StandardCharsets.US_ASCII));
        broken.put("two file parts", concat(multipart("a.wav", wav, Map.of()).body, multipart("b.wav", wav, Map.of()).body));
        broken.put("huge part header", ("--B\r\nContent-Disposition: form-data; name=\"" + "n".repeat(200_000) + "\"\r\n\r\nv\r\n--B--\r\n").getBytes(StandardCharsets.US_ASCII));
        for (Map.Entry<String, byte[]> e : broken.entrySet()) {
            outcomes.add(check("multipart " + e.getKey(), send(new Body("multipart/form-data; boundary=B", e.getValue()), ADMIN)));
        }
        outcomes.add(check("multipart without boundary", send(new Body("multipart/form-data", invalidUtf8), ADMIN)));

        // JSON and paths
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Map<String, String> events = new LinkedHashMap<>();
        events.put("deeply nested", deep);
        events.put("huge songId", "{\"songId\":\"" + "s".repeat(2_000_000) + "\",\"type\":\"liked\"}");
        events.put("nul in string", "{\"songId\":\"a\\u0000b\",\"type\":\"liked\"}");
        events.put("huge number", "{\"songId\":\"" + songId + "\",\"type\":\"listened\",\"listenedFraction\":1e999999}");
        events.put("wrong types", "{\"songId\":[1,2],\"type\":{\"a\":1},\"timestamp\":true}");
        events.put("unicode escapes", "{\"songId\":\"\\uD83C\\uDFB5\",\"type\":\"liked\"}");
        events.put("truncated", "{\"songId\":\"" + songId + "\",\"type\":");
        events.put("not json", "\u0000\u0001\u0002");
        for (Map.Entry<String, String> e : events.entrySet()) {
            outcomes.add(check("event " + e.getKey(), send("POST", "/users/alice/events", "application/json",
                    e.getValue().getBytes(StandardCharsets.UTF_8), ALICE)));
        }
        for (String path : new String[]{"/users/..%2F..%2Fsongs/events", "/users/%00/events", "/users/a%0d%0aX-Injected:1/events",
                "/users/%C3%BC%F0%9F%8E%B5/events", "/users/" + "u".repeat(5_000) + "/events"}) {
            outcomes.add(check("event path " + abbreviate(path), send("POST", path, "application/json",
                    ("{\"songId\":\"" + songId + "\",\"type\":\"liked\"}").getBytes(StandardCharsets.UTF_8), ADMIN)));
        }
        for (String path : new String[]{"/users/..%2F..%2Fadmin/recommendations", "/users/a%0d%0aX-Injected:%201/recommendations",
                "/users/%2e%2e/recommendations", "/songs/%2e%2e%2f%2e%2e%2fetc%2fpasswd/status", "/songs/..%5c..%5c/status",
                "/%2e%2e/%2e%2e/etc/passwd", "/web/../../../etc/passwd", "/?key=%3Cscript%3E&user=%00"}) {
            outcomes.add(check("GET " + abbreviate(path), get(path, ADMIN)));
        }
        // malformed HTTP, over a raw socket
        String[] raw = {
                "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                "POST /users/alice/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ALICE + "\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}",
                "POST /users/alice/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ALICE + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                "POST /users/alice/events HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n0\r\n\r\n",
                "TRACE / HTTP/1.1\r\nHost: x\r\n\r\n",
                "PROPFIND /songs HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /songs HTTP/1.0\r\n\r\n",
                "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "\u0000\u0001\u0002 garbage\r\n\r\n",
        };
        for (String request : raw) {
            int status = rawStatus(request);
            outcomes.add("raw " + abbreviate(request.replace("\r\n", " ")) + " -> " + status);
            assertTrue(status < 500, "raw request answered " + status + ": " + abbreviate(request));
        }

        // still serving, and nothing was written outside the blob root (names are never taken from the client)
        assertEquals(200, get("/health", null).statusCode(), ingest.describeLog());
        assertEquals(202, send("POST", "/users/alice/events", "application/json",
                ("{\"songId\":\"" + songId + "\",\"type\":\"liked\"}").getBytes(StandardCharsets.UTF_8), ALICE).statusCode());
        Pattern blobName = Pattern.compile("songs/[a-z0-9_]{2}/[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path rel = work.relativize(file);
                if (rel.startsWith("blobs")) {
                    assertTrue(blobName.matcher(blobs.relativize(file).toString().replace('\\', '/')).matches(),
                            "unexpected blob file " + rel);
                } else {
                    assertTrue(rel.startsWith("tmp") || rel.toString().equals("ingest.log") || rel.toString().equals("gc.log"),
                            "file outside the blob root: " + rel);
                    assertTrue(!rel.toString().contains("passwd") && !rel.toString().contains(".."), "attacker-named file " + rel);
                }
            }
        }
        figures.put("fuzzCases", outcomes.size());
        System.out.println("EDGE fuzz: " + outcomes.size() + " hostile requests, 0 answered 5xx, no file outside the blob root");
        outcomes.forEach(o -> System.out.println("EDGE fuzz   " + o));
    }

    // ---------------------------------------------------------------- load

    @Test
    @Order(2)
    void sustainedLoadOnEventsAndRecommendationsWithoutA5xx() throws Exception {
        byte[] event = ("{\"songId\":\"" + songId + "\",\"type\":\"listened\",\"listenedFraction\":0.5}").getBytes(StandardCharsets.UTF_8);
        Phase events = phase("events", () -> send("POST", "/users/alice/events", "application/json", event, ALICE), 202);
        Phase lists = phase("recommendations", () -> get("/users/alice/recommendations", ALICE), 200);
        for (Phase p : List.of(events, lists)) {
            System.out.printf("EDGE load %s: %d requests in %.1f s = %.0f req/s, p50 %.1f ms, p99 %.1f ms, non-2xx %d, 5xx %d, failures %d%n",
                    p.name, p.count, p.seconds, p.count / p.seconds, p.p50, p.p99, p.non2xx, p.fivexx, p.failures);
            figures.put(p.name + "ReqPerSec", Math.round(p.count / p.seconds));
            figures.put(p.name + "P50Ms", Math.round(p.p50 * 10) / 10.0);
            figures.put(p.name + "P99Ms", Math.round(p.p99 * 10) / 10.0);
            figures.put(p.name + "Errors", p.non2xx + p.failures);
            assertEquals(0, p.fivexx, p.name + ": 5xx " + p.statuses);
            assertEquals(0, p.non2xx + p.failures, p.name + ": " + p.statuses);
            assertTrue(p.count >= 50, p.name + ": only " + p.count + " requests");
        }
        assertEquals(0, upstreamUnauthorized.get(), "ingest presented the service token on every call");
    }

    record Phase(String name, long count, double seconds, double p50, double p99, long non2xx, long fivexx, long failures,
                 Map<Integer, Long> statuses) {
    }

    interface Call {
        HttpResponse<String> call() throws Exception;
    }

    private Phase phase(String name, Call call, int expected) throws Exception {
        // warm-up, then CLIENTS closed-loop clients for LOAD_PHASE
        for (int i = 0; i < 50; i++) {
            call.call();
        }
        long[] latencies = new long[200_000];
        AtomicInteger n = new AtomicInteger();
        AtomicLong non2xx = new AtomicLong();
        AtomicLong fivexx = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = start + LOAD_PHASE.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        int status = call.call().statusCode();
                        statuses.merge(status, 1L, Long::sum);
                        if (status != expected) {
                            non2xx.incrementAndGet();
                        }
                        if (status >= 500) {
                            fivexx.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    int i = n.getAndIncrement();
                    if (i < latencies.length) {
                        latencies[i] = System.nanoTime() - t0;
                    } else {
                        return null;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        int count = Math.min(n.get(), latencies.length);
        long[] sorted = java.util.Arrays.copyOf(latencies, count);
        java.util.Arrays.sort(sorted);
        return new Phase(name, count, seconds, sorted[(int) (count * 0.50)] / 1e6, sorted[Math.min(count - 1, (int) (count * 0.99))] / 1e6,
                non2xx.get(), fivexx.get(), failures.get(), statuses);
    }

    // ---------------------------------------------------------------- big uploads, bounded heap

    @Test
    @Order(3)
    void eightParallel50MbUploadsFitInA256MibHeap() throws Exception {
        long size = 50_000_000L;
        byte[] header = WavWriter.toBytes(new float[22_050], 22_050);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> uploads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            uploads.add(pool.submit(() -> {
                byte[] head = ("--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nBig\r\n--B\r\nContent-Disposition: form-data; name=\"artist\"\r\n\r\nHeap\r\n"
                        + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.wav\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] tail = "\r\n--B--\r\n".getBytes(StandardCharsets.US_ASCII);
                long length = head.length + size + tail.length;
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/songs"))
                        .timeout(Duration.ofMinutes(5))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("Content-Type", "multipart/form-data; boundary=B")
                        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                                new SequenceInputStream(java.util.Collections.enumeration(List.of(new ByteArrayInputStream(head),
                                        new ByteArrayInputStream(header), new ZeroStream(size - header.length), new ByteArrayInputStream(tail))))),
                                length))
                        .build();
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }));
        }
        for (Future<HttpResponse<String>> f : uploads) {
            HttpResponse<String> response = f.get();
            assertEquals(202, response.statusCode(), response.body() + "\n" + ingest.describeLog());
            assertTrue(response.body().contains("\"sizeBytes\":" + size), response.body());
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(ingest.isAlive(), "ingest survived: " + ingest.describeLog());
        assertEquals(200, get("/health", null).statusCode());
        long[] heap = peakHeapFromGcLog();
        System.out.printf("EDGE uploads: 8 x 50 MB in %.1f s (%.0f MB/s) with -Xmx%dm; heap before GC peaked at %d MB, live after GC at most %d MB%n",
                seconds, 8 * size / 1e6 / seconds, HEAP_MB, heap[0], heap[1]);
        figures.put("uploadSeconds", Math.round(seconds * 10) / 10.0);
        figures.put("uploadHeapMaxMb", HEAP_MB);
        figures.put("uploadHeapPeakMb", heap[0]);
        figures.put("uploadHeapLiveMaxMb", heap[1]);
        assertTrue(heap[1] < HEAP_MB, "live heap stayed under the limit");
    }

    /** {max heap before a GC, max heap after a GC} in MB, from -Xlog:gc lines like "24M->3M(256M)". */
    private long[] peakHeapFromGcLog() throws IOException {
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gcLog));
        long before = 0;
        long after = 0;
        while (m.find()) {
            before = Math.max(before, Long.parseLong(m.group(1)));
            after = Math.max(after, Long.parseLong(m.group(2)));
        }
        return new long[]{before, after};
    }

    /** {@code n} zero bytes without holding them. */
    static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long n) {
            left = n;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }

    // ---------------------------------------------------------------- helpers

    record Body(String contentType, byte[] body) {
    }

    private static Body multipart(String filename, byte[] file, Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                out.write(("--B\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(file);
            out.write("\r\n--B--\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Body("multipart/form-data; boundary=B", out.toByteArray());
    }

    private HttpResponse<String> send(Body body, String key) throws Exception {
        return send("POST", "/songs", body.contentType(), body.body(), key);
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A non-5xx answer; any error is in the one error shape. */
    private String check(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        assertTrue(status < 500, () -> what + " answered " + status + ": " + response.body() + "\n" + ingest.describeLog());
        if (status >= 400) {
            assertTrue(ApiError.parse(response.body()).isPresent(), what + ": not the error shape: " + response.body());
        }
        return what + " -> " + status;
    }

    /** Status of an answer to raw bytes, or 0 when the server just closed the connection (also not a 5xx). */
    private int rawStatus(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] head = socket.getInputStream().readNBytes(12);
            String line = new String(head, StandardCharsets.US_ASCII);
            return line.startsWith("HTTP/1.") && line.length() >= 12 ? Integer.parseInt(line.substring(9, 12)) : 0;
        } catch (java.net.SocketTimeoutException e) {
            return 0;
        } catch (java.net.SocketException e) {
            return 0;
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 60 ? clean : clean.substring(0, 60) + "…(" + s.length() + " chars)";
    }
}
