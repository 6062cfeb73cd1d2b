package dev.timbre.ingest.register;

import dev.timbre.ingest.config.IngestConfig;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Remote sources against real HTTPS servers on loopback (certificate made by keytool for this run): refused by
 * default, fetched when allowlisted, redirects re-checked on every hop, limits, and error messages that never
 * repeat what the upstream said.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceFetcherHttpsTest {
    static final byte[] SONG = "RIFF....WAVEfmt pretend-audio".getBytes(StandardCharsets.US_ASCII);

    private Path dir;
    private LoopbackTls tls;
    private SSLContext trusting;
    private HttpsServer a;
    private HttpsServer b;
    private HttpServer plain;
    private final AtomicInteger hitsOnB = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();
    private String aBase;
    private String bBase;
    private int plainPort;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("loopback-tls");
        tls = LoopbackTls.create(dir);
        trusting = tls.clientContext();
        a = tls.server("127.0.0.1");
        b = tls.server("127.0.0.1");
        a.createContext("/song.wav", LoopbackTls.bytes(SONG));
        b.createContext("/song.wav", exchange -> {
            hitsOnB.incrementAndGet();
            LoopbackTls.bytes(SONG).handle(exchange);
        });
        a.createContext("/error", exchange -> LoopbackTls.send(exchange, 500,
                "SECRET-UPSTREAM-BODY stack trace at internal.Service".getBytes(StandardCharsets.UTF_8)));
        a.createContext("/big", exchange -> LoopbackTls.send(exchange, 200, new byte[5000]));
        a.createContext("/big-chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            for (int i = 0; i < 10; i++) {
                exchange.getResponseBody().write(new byte[1000]);
            }
            exchange.close();
        });
        a.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(SONG, 0, 5);
            exchange.getResponseBody().flush();
            exchange.getResponseBody().write(SONG, 5, SONG.length - 5);
            exchange.close();
        });
        a.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write(new byte[10]);
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        a.start();
        b.start();
        aBase = "https://127.0.0.1:" + a.getAddress().getPort();
        bBase = "https://127.0.0.1:" + b.getAddress().getPort();
        a.createContext("/to-b-loopback", LoopbackTls.redirect(bBase + "/song.wav"));
        a.createContext("/to-b-by-name", LoopbackTls.redirect("https://media.test:" + b.getAddress().getPort() + "/song.wav"));
        a.createContext("/to-hex", LoopbackTls.redirect("https://0x7f000001:" + b.getAddress().getPort() + "/song.wav"));
        a.createContext("/to-v6", LoopbackTls.redirect("https://[::1]:" + b.getAddress().getPort() + "/song.wav"));
        a.createContext("/to-http", LoopbackTls.redirect("http://media.test:" + b.getAddress().getPort() + "/song.wav"));
        a.createContext("/relative", LoopbackTls.redirect("/song.wav"));
        a.createContext("/loop", LoopbackTls.redirect("/loop"));
        a.createContext("/no-location", exchange -> LoopbackTls.send(exchange, 302, new byte[0]));

        plain = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        plain.createContext("/", LoopbackTls.bytes("{\"schemaType\":\"AVRO\"}".getBytes(StandardCharsets.UTF_8)));
        plain.start();
        plainPort = plain.getAddress().getPort();
    }

    @AfterAll
    void stop() throws Exception {
        a.stop(0);
        b.stop(0);
        plain.stop(0);
        LoopbackTls.delete(dir);
    }

    /** "media.test" is a name for 127.0.0.1 here; every lookup is counted. */
    private InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        if (host.equals("media.test") || host.equals("localhost") || host.equals("other.test")) {
            return new InetAddress[]{InetAddress.getByName("127.0.0.1")};
        }
        throw new UnknownHostException(host);
    }

    private SourceFetcher fetcher(long limit, Duration total, Duration read, String... allowed) {
        IngestPolicy policy = new IngestPolicy(limit, List.of(), false, total);
        IngestConfig.Fetch config = new IngestConfig.Fetch(List.of(allowed), 3, Duration.ofSeconds(5), read, 32768, null, null);
        return new SourceFetcher(policy, config, trusting, this::resolve);
    }

    private SourceFetcher fetcher(String... allowed) {
        return fetcher(1000, Duration.ofSeconds(20), Duration.ofSeconds(10), allowed);
    }

    private static RejectedRequestException refused(Rejection expected, SourceFetcher fetcher, String source) {
        RejectedRequestException e = assertThrows(RejectedRequestException.class, () -> {
            try (InputStream in = fetcher.open(source)) {
                in.readAllBytes();
            }
        }, source);
        assertEquals(expected, e.rejection(), source + ": " + e.getMessage());
        return e;
    }

    private static byte[] read(SourceFetcher fetcher, String source) throws Exception {
        try (InputStream in = fetcher.open(source)) {
            return in.readAllBytes();
        }
    }

    @Test
    void loopbackIsRefusedByDefaultBeforeAnyConnection() {
        int before = hitsOnB.get();
        SourceFetcher fetcher = fetcher();
        for (String url : List.of(bBase + "/song.wav", "https://localhost:" + b.getAddress().getPort() + "/song.wav",
                "https://media.test:" + b.getAddress().getPort() + "/song.wav",
                "https://[::1]:" + b.getAddress().getPort() + "/song.wav",
                "https://0x7f000001:" + b.getAddress().getPort() + "/song.wav",
                "https://2130706433:" + b.getAddress().getPort() + "/song.wav")) {
            RejectedRequestException e = refused(Rejection.FORBIDDEN_SOURCE, fetcher, url);
            assertTrue(e.getMessage().contains("only public addresses") || e.getMessage().contains("non-standard"), e.getMessage());
        }
        assertEquals(before, hitsOnB.get(), "no connection was made");
    }

    @Test
    void allowlistedHostsAreFetchedOverVerifiedTls() throws Exception {
        assertArrayEquals(SONG, read(fetcher("127.0.0.1"), aBase + "/song.wav"));
        assertArrayEquals(SONG, read(fetcher("127.0.0.0/8"), aBase + "/song.wav"));
        assertArrayEquals(SONG, read(fetcher("media.test"), "https://media.test:" + a.getAddress().getPort() + "/song.wav"));
        assertArrayEquals(SONG, read(fetcher("127.0.0.1"), aBase + "/chunked"));
        assertArrayEquals(SONG, read(fetcher("127.0.0.1"), aBase + "/relative"), "relative redirect on an allowed host");
        assertArrayEquals(SONG, read(fetcher("*.test"), "https://media.test:" + a.getAddress().getPort() + "/to-b-by-name"));
    }

    @Test
    void everyRedirectHopIsCheckedAgain() {
        int before = hitsOnB.get();
        // A is allowlisted by name; B's loopback address is not
        SourceFetcher fetcher = fetcher("media.test");
        String viaName = "https://media.test:" + a.getAddress().getPort();
        assertTrue(refused(Rejection.FORBIDDEN_SOURCE, fetcher, viaName + "/to-b-loopback").getMessage().contains("loopback"));
        refused(Rejection.FORBIDDEN_SOURCE, fetcher, viaName + "/to-hex");
        refused(Rejection.FORBIDDEN_SOURCE, fetcher, viaName + "/to-v6");
        refused(Rejection.FORBIDDEN_SOURCE, fetcher, viaName + "/to-http");
        assertEquals(before, hitsOnB.get(), "the redirect target was never contacted");
        assertTrue(refused(Rejection.SOURCE_UNAVAILABLE, fetcher, viaName + "/loop").getMessage().contains("more than 3"));
        refused(Rejection.SOURCE_UNAVAILABLE, fetcher, viaName + "/no-location");
    }

    @Test
    void theCheckedAddressIsTheOneConnectedTo() throws Exception {
        int before = lookups.get();
        assertArrayEquals(SONG, read(fetcher("media.test"), "https://media.test:" + a.getAddress().getPort() + "/song.wav"));
        assertEquals(1, lookups.get() - before, "one lookup per hop: the connection does not resolve the name again");
    }

    @Test
    void errorsNeverRepeatUpstreamBodiesOrExceptions() throws Exception {
        SourceFetcher fetcher = fetcher("127.0.0.1");
        RejectedRequestException upstream = refused(Rejection.SOURCE_UNAVAILABLE, fetcher, aBase + "/error");
        assertEquals("the source answered HTTP 500", upstream.getMessage());
        // the probe: https to a plain-HTTP service (the schema registry)
        // (this JDK server waits for a request line instead of answering, so the handshake times out)
        SourceFetcher quick = new SourceFetcher(new IngestPolicy(1000, List.of(), false, Duration.ofSeconds(10)),
                new IngestConfig.Fetch(List.of("127.0.0.1"), 3, Duration.ofSeconds(1), Duration.ofSeconds(1), 32768, null, null),
                trusting, this::resolve);
        RejectedRequestException notTls = refused(Rejection.SOURCE_UNAVAILABLE, quick, "https://127.0.0.1:" + plainPort + "/x");
        assertFalse(notTls.getMessage().contains("Unrecognized") || notTls.getMessage().contains("SSL"), notTls.getMessage());
        assertTrue(List.of("the source did not answer in time",
                        "the TLS handshake with the source failed (not HTTPS, or an untrusted or mismatched certificate)")
                .contains(notTls.getMessage()), notTls.getMessage());
        // a certificate the JVM does not trust
        SourceFetcher jvmTrust = new SourceFetcher(new IngestPolicy(1000, List.of(), false, Duration.ofSeconds(10)),
                IngestConfig.Fetch.defaults().withAllowedHosts(List.of("127.0.0.1")), SSLContext.getDefault(), this::resolve);
        RejectedRequestException untrusted = refused(Rejection.SOURCE_UNAVAILABLE, jvmTrust, aBase + "/song.wav");
        assertFalse(untrusted.getMessage().contains("PKIX"), untrusted.getMessage());
        // the name on the certificate must match the URL's host
        RejectedRequestException mismatch = refused(Rejection.SOURCE_UNAVAILABLE, fetcher("other.test"),
                "https://other.test:" + a.getAddress().getPort() + "/song.wav");
        assertTrue(mismatch.getMessage().startsWith("the TLS handshake with the source failed"), mismatch.getMessage());
        RejectedRequestException refusedPort = refused(Rejection.SOURCE_UNAVAILABLE, fetcher("127.0.0.0/8"), "https://127.0.0.1:1/x");
        assertEquals("could not connect to the source", refusedPort.getMessage());
    }

    @Test
    void sizeAndTimeLimits() {
        assertTrue(refused(Rejection.TOO_LARGE, fetcher(1000, Duration.ofSeconds(20), Duration.ofSeconds(10), "127.0.0.1"), aBase + "/big")
                .getMessage().contains("limit is 1000"));
        refused(Rejection.TOO_LARGE, fetcher(1000, Duration.ofSeconds(20), Duration.ofSeconds(10), "127.0.0.1"), aBase + "/big-chunked");
        long start = System.nanoTime();
        RejectedRequestException slow = assertThrows(RejectedRequestException.class, () -> {
            try (InputStream in = fetcher(1000, Duration.ofSeconds(20), Duration.ofMillis(700), "127.0.0.1").open(aBase + "/stall")) {
                in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, e.getMessage());
            }
        });
        assertTrue(slow.getMessage().contains("stalled"), slow.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos(), "the read timeout bounds a stalled transfer");
    }
}
