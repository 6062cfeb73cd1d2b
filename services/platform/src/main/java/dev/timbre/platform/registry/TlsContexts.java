package dev.timbre.platform.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** Builds the {@link SSLContext} for HTTPS registries from {@code schema.registry.ssl.*} stores. */
final class TlsContexts {

    static SSLContext create(RegistryConfig.TlsConfig tls) {
        try {
            TrustManagerFactory trust = null;
            if (tls.truststoreLocation() != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(tls.truststoreLocation(), tls.truststorePassword(), tls.truststoreType()));
            }
            KeyManagerFactory keys = null;
            if (tls.keystoreLocation() != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String keyPassword = tls.keyPassword() != null ? tls.keyPassword() : tls.keystorePassword();
                keys.init(load(tls.keystoreLocation(), tls.keystorePassword(), tls.keystoreType()),
                        keyPassword == null ? null : keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Cannot set up TLS for the schema registry: " + e.getMessage());
        }
    }

    private static KeyStore load(String location, String password, String type) throws GeneralSecurityException {
        // Confluent's default store type is JKS; the JDK's KeyStore reads JKS and PKCS12 through either type.
        KeyStore store = KeyStore.getInstance(type == null ? "JKS" : type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException e) {
            throw new ConfigException("Cannot read key/trust store " + location + ": " + e.getMessage());
        }
        return store;
    }

    private TlsContexts() {
    }
}
