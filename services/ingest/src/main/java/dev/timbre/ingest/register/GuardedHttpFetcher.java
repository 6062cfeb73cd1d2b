package dev.timbre.ingest.register;

import dev.timbre.ingest.config.IngestConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately small HTTP/1.1 GET client for remote sources, built so that the address checked by
 * {@link SourceGuard} is the address connected to: it opens the TCP connection to that {@code InetAddress}
 * itself (no second DNS lookup), runs TLS over it with SNI and certificate/host-name verification against the
 * URL's host, follows at most {@code maxRedirects} redirects, each checked again, and bounds header size,
 * body size and total time. Errors carry our own sentences only: neither upstream bodies nor exception
 * messages reach the client (they are logged).
 */
final class GuardedHttpFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedHttpFetcher.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final SourceGuard guard;
    private final SSLContext tls;
    private final IngestConfig.Fetch config;
    private final long maxBytes;
    private final Duration totalTimeout;

    GuardedHttpFetcher(SourceGuard guard, SSLContext tls, IngestConfig.Fetch config, long maxBytes, Duration totalTimeout) {
        this.guard = guard;
        this.tls = tls;
        this.config = config;
        this.maxBytes = maxBytes;
        this.totalTimeout = totalTimeout;
    }

    InputStream open(URI source) {
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        URI uri = source;
        for (int hop = 0; ; hop++) {
            SourceGuard.Target target = guard.check(uri);
            Exchange exchange = exchange(target, deadline);
            if (REDIRECTS.contains(exchange.status)) {
                exchange.close();
                String location = exchange.headers.get("location");
                if (location == null || location.isBlank()) {
                    throw unavailable("the source answered a redirect without a Location");
                }
                if (hop >= config.maxRedirects()) {
                    throw unavailable("the source redirected more than " + config.maxRedirects() + " times");
                }
                try {
                    uri = uri.resolve(new URI(location.strip()));
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    throw unavailable("the source redirected to an invalid URL");
                }
                continue;
            }
            if (exchange.status != 200) {
                exchange.close();
                throw unavailable("the source answered HTTP " + exchange.status);
            }
            return exchange.body();
        }
    }

    private Exchange exchange(SourceGuard.Target target, long deadline) {
        Socket socket = new Socket();
        try {
            int connectMs = (int) Math.max(1, Math.min(config.connectTimeout().toMillis(), remainingMs(deadline)));
            socket.connect(new InetSocketAddress(target.address(), target.port()), connectMs);
            socket.setSoTimeout(connectMs);
            Socket channel = socket;
            if (target.tls()) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, target.host(), target.port(), true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                channel = ssl;
            }
            channel.setSoTimeout(readTimeoutMs(deadline));
            OutputStream out = channel.getOutputStream();
            String request = "GET " + target.requestTarget() + " HTTP/1.1\r\n"
                    + "Host: " + target.hostHeader() + "\r\n"
                    + "User-Agent: timbre-ingest\r\n"
                    + "Accept: */*\r\n"
                    + "Accept-Encoding: identity\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(channel.getInputStream(), 16384);
            Exchange exchange = readHead(in, channel);
            return exchange;
        } catch (RejectedRequestException e) {
            closeQuietly(socket);
            throw e;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            log(target, e);
            throw unavailable("the source did not answer in time");
        } catch (SSLException e) {
            closeQuietly(socket);
            log(target, e);
            throw unavailable("the TLS handshake with the source failed (not HTTPS, or an untrusted or mismatched certificate)");
        } catch (IOException e) {
            closeQuietly(socket);
            log(target, e);
            throw unavailable("could not connect to the source");
        }
    }

    private Exchange readHead(InputStream in, Socket socket) throws IOException {
        int[] budget = {config.maxHeaderBytes()};
        String statusLine = line(in, budget);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw unavailableAfterClose(socket, "the source did not answer with HTTP/1.x");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw unavailableAfterClose(socket, "the source sent a malformed status line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in, budget); !header.isEmpty(); header = line(in, budget)) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw unavailableAfterClose(socket, "the source sent a malformed header");
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            if (headers.containsKey(name) && name.equals("content-length") && !headers.get(name).equals(value)) {
                throw unavailableAfterClose(socket, "the source sent conflicting Content-Length headers");
            }
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new Exchange(status, headers, in, socket);
    }

    /** One CRLF- (or LF-) terminated header line, within the header budget. */
    private static String line(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        while (true) {
            int c = in.read();
            if (c == -1) {
                throw new IOException("connection closed inside the response head");
            }
            if (--budget[0] < 0) {
                throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "the source's response headers are too large");
            }
            if (c == '\n') {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(c);
        }
    }

    private final class Exchange {
        final int status;
        final Map<String, String> headers;
        final InputStream in;
        final Socket socket;

        Exchange(int status, Map<String, String> headers, InputStream in, Socket socket) {
            this.status = status;
            this.headers = headers;
            this.in = in;
            this.socket = socket;
        }

        InputStream body() {
            String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
            InputStream raw;
            if (encoding.equals("chunked")) {
                raw = new ChunkedInputStream(in);
            } else if (!encoding.isEmpty() && !encoding.equals("identity")) {
                close();
                throw unavailable("the source used an unsupported transfer encoding");
            } else if (headers.containsKey("content-length")) {
                long length;
                try {
                    length = Long.parseLong(headers.get("content-length"));
                } catch (NumberFormatException e) {
                    close();
                    throw unavailable("the source sent an invalid Content-Length");
                }
                if (length > maxBytes) {
                    close();
                    throw new RejectedRequestException(Rejection.TOO_LARGE,
                            "the source is " + length + " bytes; the limit is " + maxBytes + " bytes");
                }
                raw = new ExactLengthInputStream(in, length);
            } else {
                raw = in;
            }
            return new GuardedBody(raw, socket);
        }

        void close() {
            closeQuietly(socket);
        }
    }

    /**
     * The body as the registrar reads it: at most {@code maxBytes}, within the overall deadline, and with
     * our own sentences on failure (the registrar repeats the message to the client).
     */
    private final class GuardedBody extends FilterInputStream {
        private final Socket socket;
        private final long deadline = System.nanoTime() + totalTimeout.toNanos();
        private long count;

        GuardedBody(InputStream in, Socket socket) {
            super(in);
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (System.nanoTime() > deadline) {
                throw new IOException("the source transfer took longer than " + totalTimeout.toSeconds() + " s");
            }
            int n;
            try {
                socket.setSoTimeout(readTimeoutMs(deadline));
                n = super.read(b, off, len);
            } catch (RejectedRequestException e) {
                throw e;
            } catch (SocketTimeoutException e) {
                throw new IOException("the source stalled (no data within the read timeout)");
            } catch (IOException e) {
                LOG.info("source read failed: {}", e.toString());
                throw new IOException("the source connection failed during the transfer");
            }
            if (n > 0) {
                count += n;
                if (count > maxBytes) {
                    throw new RejectedRequestException(Rejection.TOO_LARGE,
                            "the source exceeds the size limit of " + maxBytes + " bytes");
                }
            }
            return n;
        }

        @Override
        public void close() {
            closeQuietly(socket);
        }
    }

    private int readTimeoutMs(long deadline) {
        return (int) Math.max(1, Math.min(config.readTimeout().toMillis(), remainingMs(deadline)));
    }

    private static long remainingMs(long deadline) {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw unavailable("the source did not answer in time");
        }
        return ms;
    }

    private static RejectedRequestException unavailable(String message) {
        return new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, message);
    }

    private static RejectedRequestException unavailableAfterClose(Socket socket, String message) {
        closeQuietly(socket);
        return unavailable(message);
    }

    private static void log(SourceGuard.Target target, Exception e) {
        LOG.info("fetching {} from {}:{} failed: {}", target.uri(), target.address().getHostAddress(), target.port(), e.toString());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // discarding the connection anyway
        }
    }

    /** Exactly {@code length} bytes, then end of stream; a short body is an error, not a truncated song. */
    private static final class ExactLengthInputStream extends FilterInputStream {
        private long remaining;

        ExactLengthInputStream(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n == -1) {
                throw new IOException("the source closed the connection before sending the whole body");
            }
            remaining -= n;
            return n;
        }
    }

    /** {@code Transfer-Encoding: chunked}, with bounded chunk-size lines; trailers are skipped. */
    private static final class ChunkedInputStream extends FilterInputStream {
        private long chunkLeft = -1;
        private boolean done;

        ChunkedInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft <= 0) {
                if (chunkLeft == 0) {
                    expectCrlf();
                }
                String sizeLine = line(in, new int[]{1024});
                int semi = sizeLine.indexOf(';');
                String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip();
                try {
                    chunkLeft = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("the source sent a malformed chunk size");
                }
                if (chunkLeft < 0) {
                    throw new IOException("the source sent a malformed chunk size");
                }
                if (chunkLeft == 0) {
                    int[] budget = {8192};
                    while (!line(in, budget).isEmpty()) {
                        // trailers
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n == -1) {
                throw new IOException("the source closed the connection inside a chunk");
            }
            chunkLeft -= n;
            return n;
        }

        private void expectCrlf() throws IOException {
            if (!line(in, new int[]{2}).isEmpty()) {
                throw new IOException("the source sent a malformed chunk");
            }
        }
    }
}
