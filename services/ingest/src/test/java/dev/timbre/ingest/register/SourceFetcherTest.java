package dev.timbre.ingest.register;

import dev.timbre.ingest.config.IngestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SourceFetcherTest {
    @TempDir
    Path allowed;
    @TempDir
    Path outside;

    private SourceFetcher fetcher(long limit, String... roots) {
        return new SourceFetcher(new IngestPolicy(limit, List.of(roots), false, Duration.ofSeconds(5)));
    }

    @Test
    void readsFilesInsideAnAllowedRoot() throws Exception {
        Path song = Files.write(allowed.resolve("song.wav"), new byte[]{1, 2, 3});
        try (InputStream in = fetcher(100, allowed.toString()).open(song.toUri().toString())) {
            assertArrayEquals(new byte[]{1, 2, 3}, in.readAllBytes());
        }
    }

    @Test
    void refusesFilesOutsideTheRootsIncludingThroughSymlinksAndDotDot() throws Exception {
        Path secret = Files.write(outside.resolve("secret.wav"), new byte[]{9});
        SourceFetcher fetcher = fetcher(100, allowed.toString());
        assertRejected(Rejection.FORBIDDEN_SOURCE, fetcher, secret.toUri().toString());
        assertRejected(Rejection.FORBIDDEN_SOURCE, fetcher, "file://" + allowed + "/../" + outside.getFileName() + "/secret.wav");
        Path link = Files.createSymbolicLink(allowed.resolve("link.wav"), secret);
        assertRejected(Rejection.FORBIDDEN_SOURCE, fetcher, link.toUri().toString());
    }

    @Test
    void fileSourcesAreOffWithoutAllowedRoots() throws Exception {
        Path song = Files.write(allowed.resolve("song.wav"), new byte[]{1});
        assertRejected(Rejection.FORBIDDEN_SOURCE, fetcher(100), song.toUri().toString());
    }

    @Test
    void reportsMissingTooLargeAndBadUris() throws Exception {
        SourceFetcher fetcher = fetcher(10, allowed.toString());
        assertRejected(Rejection.SOURCE_UNAVAILABLE, fetcher, allowed.resolve("nope.wav").toUri().toString());
        Path big = Files.write(allowed.resolve("big.wav"), new byte[11]);
        assertRejected(Rejection.TOO_LARGE, fetcher, big.toUri().toString());
        assertRejected(Rejection.INVALID, fetcher, "ftp://example.com/song.wav");
        assertRejected(Rejection.INVALID, fetcher, "relative/path.wav");
        assertRejected(Rejection.INVALID, fetcher, "");
        assertRejected(Rejection.FORBIDDEN_SOURCE, fetcher, "http://example.com/song.wav");
    }

    @Test
    void fetchesHttpSourcesWhenAllowedAndReportsTheirFailures() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/song.wav", exchange -> {
            exchange.sendResponseHeaders(200, 3);
            exchange.getResponseBody().write(new byte[]{7, 8, 9});
            exchange.close();
        });
        server.createContext("/big.wav", exchange -> {
            exchange.sendResponseHeaders(200, 50);
            exchange.getResponseBody().write(new byte[50]);
            exchange.close();
        });
        server.createContext("/missing.wav", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            // loopback is refused unless allowlisted (SourceFetcherHttpsTest covers that); allow it here
            SourceFetcher fetcher = new SourceFetcher(new IngestPolicy(10, List.of(), true, Duration.ofSeconds(5)),
                    IngestConfig.Fetch.defaults().withAllowedHosts(List.of("127.0.0.1")));
            try (InputStream in = fetcher.open(base + "/song.wav")) {
                assertArrayEquals(new byte[]{7, 8, 9}, in.readAllBytes());
            }
            assertRejected(Rejection.TOO_LARGE, fetcher, base + "/big.wav");
            assertRejected(Rejection.SOURCE_UNAVAILABLE, fetcher, base + "/missing.wav");
            assertRejected(Rejection.SOURCE_UNAVAILABLE, fetcher, "http://127.0.0.1:1/refused.wav");
        } finally {
            server.stop(0);
        }
    }

    private static void assertRejected(Rejection expected, SourceFetcher fetcher, String source) {
        RejectedRequestException e = assertThrows(RejectedRequestException.class, () -> fetcher.open(source).close(), source);
        assertEquals(expected, e.rejection(), e.getMessage());
    }
}
