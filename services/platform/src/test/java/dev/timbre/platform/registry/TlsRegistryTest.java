package dev.timbre.platform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a self-signed certificate: trusted through schema.registry.ssl.truststore.*, refused without it. */
class TlsRegistryTest {

    @Test
    void trustsTheConfiguredTruststoreOnly(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path cert = dir.resolve("server.crt");
        Path truststore = dir.resolve("trust.jks");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-alias", "registry", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", cert.toString());
        run(keytool, "-importcert", "-noprompt", "-alias", "registry", "-file", cert.toString(), "-storetype", "JKS",
                "-keystore", truststore.toString(), "-storepass", "trustpw");

        KeyStore serverKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            serverKeys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverKeys, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        try (RegistryHttpServer server = new RegistryHttpServer(https)) {
            String url = "https://localhost:" + server.port();
            HttpSchemaRegistryClient trusting = new HttpSchemaRegistryClient(RegistryConfig.from(Map.of(
                    "schema.registry.url", url,
                    "schema.registry.ssl.truststore.location", truststore.toString(),
                    "schema.registry.ssl.truststore.password", "trustpw",
                    "schema.registry.ssl.truststore.type", "JKS")));
            assertEquals(1, trusting.register("s", dev.timbre.platform.test.v1.Track.getClassSchema()));

            SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                    () -> new HttpSchemaRegistryClient(url).getById(1));
            assertEquals(0, refused.status());
        }
    }

    @Test
    void presentsTheConfiguredClientCertificate(@TempDir Path dir) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path serverStore = dir.resolve("server.p12");
        Path clientStore = dir.resolve("client.p12");
        Path serverCert = dir.resolve("server.crt");
        Path clientCert = dir.resolve("client.crt");
        Path clientTrust = dir.resolve("client-trust.p12");
        Path serverTrust = dir.resolve("server-trust.p12");
        for (Object[] store : new Object[][] {{serverStore, "registry", "CN=localhost", serverCert}, {clientStore, "service", "CN=timbre-service", clientCert}}) {
            run(keytool, "-genkeypair", "-alias", (String) store[1], "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", (String) store[2], "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", store[0].toString(), "-storepass", "changeit", "-keypass", "changeit");
            run(keytool, "-exportcert", "-alias", (String) store[1], "-keystore", store[0].toString(), "-storepass", "changeit",
                    "-file", store[3].toString());
        }
        run(keytool, "-importcert", "-noprompt", "-alias", "registry", "-file", serverCert.toString(), "-storetype", "PKCS12",
                "-keystore", clientTrust.toString(), "-storepass", "changeit");
        run(keytool, "-importcert", "-noprompt", "-alias", "service", "-file", clientCert.toString(), "-storetype", "PKCS12",
                "-keystore", serverTrust.toString(), "-storepass", "changeit");

        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(serverStore), "changeit".toCharArray());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(serverTrust));
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
            @Override
            public void configure(com.sun.net.httpserver.HttpsParameters params) {
                javax.net.ssl.SSLParameters parameters = serverContext.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        try (RegistryHttpServer server = new RegistryHttpServer(https)) {
            String url = "https://localhost:" + server.port();
            Map<String, Object> trustOnly = Map.of("schema.registry.url", url,
                    "schema.registry.ssl.truststore.location", clientTrust.toString(),
                    "schema.registry.ssl.truststore.password", "changeit",
                    "schema.registry.ssl.truststore.type", "PKCS12");
            SchemaRegistryException noCertificate = assertThrows(SchemaRegistryException.class,
                    () -> new HttpSchemaRegistryClient(RegistryConfig.from(trustOnly)).getById(1));
            assertEquals(0, noCertificate.status());

            Map<String, Object> withCertificate = new java.util.HashMap<>(trustOnly);
            withCertificate.put("schema.registry.ssl.keystore.location", clientStore.toString());
            withCertificate.put("schema.registry.ssl.keystore.password", "changeit");
            withCertificate.put("schema.registry.ssl.keystore.type", "PKCS12");
            withCertificate.put("schema.registry.ssl.key.password", "changeit");
            assertEquals(1, new HttpSchemaRegistryClient(RegistryConfig.from(withCertificate))
                    .register("s", dev.timbre.platform.test.v1.Track.getClassSchema()));
        }
    }

    private static KeyStore load(Path path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
