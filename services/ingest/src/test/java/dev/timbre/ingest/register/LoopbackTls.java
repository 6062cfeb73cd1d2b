package dev.timbre.ingest.register;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate made with the JDK's keytool for this test run (SAN: 127.0.0.1, ::1, localhost,
 * media.test), HTTPS servers on loopback that use it, and a client trust store that trusts it.
 */
final class LoopbackTls {
    static final String PASSWORD = "changeit";
    final Path keyStore;
    final Path trustStore;

    private LoopbackTls(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    static LoopbackTls create(Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        Path cert = dir.resolve("server.crt");
        Path ts = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=timbre-test", "-ext", "SAN=ip:127.0.0.1,ip:::1,dns:localhost,dns:media.test",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", ks.toString(), "-storepass", PASSWORD, "-rfc",
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", ts.toString(), "-storepass", PASSWORD);
        return new LoopbackTls(ks, ts);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    SSLContext clientContext() throws Exception {
        KeyStore store = KeyStore.getInstance(trustStore.toFile(), PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    HttpsServer server(String bindAddress) throws Exception {
        KeyStore store = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(bindAddress, 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        return server;
    }

    static HttpHandler bytes(byte[] body) {
        return exchange -> send(exchange, 200, body);
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    static HttpHandler redirect(String location) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            send(exchange, 302, new byte[0]);
        };
    }

    static void delete(Path dir) throws IOException {
        for (Path p : List.of(dir.resolve("server.p12"), dir.resolve("server.crt"), dir.resolve("trust.p12"))) {
            Files.deleteIfExists(p);
        }
    }
}
