package dev.timbre.ingest.register;

import dev.timbre.ingest.config.IngestConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a song referenced by URI so ingest can copy it into the blob store: {@code file:} inside the
 * allowed roots, {@code https:} (and {@code http:} when allowed) through {@link GuardedHttpFetcher}, which
 * refuses non-public addresses unless allowlisted ({@link SourceGuard}, {@link AddressClassifier}). The
 * caller closes the stream; the size limit is enforced while copying, and early when the size is known.
 */
@Singleton
public class SourceFetcher {
    private final IngestPolicy policy;
    private final GuardedHttpFetcher http;

    @Inject
    public SourceFetcher(IngestPolicy policy, IngestConfig config) {
        this(policy, config.fetch());
    }

    public SourceFetcher(IngestPolicy policy, IngestConfig.Fetch fetch) {
        this(policy, fetch, trust(fetch), InetAddress::getAllByName);
    }

    /** For tests: file sources and the default fetch settings (no allowlist). */
    public SourceFetcher(IngestPolicy policy) {
        this(policy, IngestConfig.Fetch.defaults());
    }

    SourceFetcher(IngestPolicy policy, IngestConfig.Fetch fetch, SSLContext tls, SourceGuard.Resolver resolver) {
        this.policy = policy;
        SourceGuard guard = new SourceGuard(fetch.allowedHosts(), policy.allowPlainHttp(), resolver);
        this.http = new GuardedHttpFetcher(guard, tls, fetch, policy.maxUploadBytes(), policy.fetchTimeout());
    }

    public InputStream open(String source) {
        URI uri = parse(source);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "file" -> openFile(uri);
            case "https", "http" -> openHttp(uri);
            default -> throw new RejectedRequestException(Rejection.INVALID,
                    "unsupported source scheme '" + scheme + "': use file:///... or https://...");
        };
    }

    static URI parse(String source) {
        if (source == null || source.isBlank()) {
            throw new RejectedRequestException(Rejection.INVALID, "source is required");
        }
        try {
            URI uri = new URI(source.strip());
            if (uri.getScheme() == null) {
                throw new RejectedRequestException(Rejection.INVALID, "source must be an absolute URI (file:///... or https://...)");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new RejectedRequestException(Rejection.INVALID, "source is not a valid URI: " + e.getMessage());
        }
    }

    private InputStream openFile(URI uri) {
        if (policy.allowedRoots().isEmpty()) {
            throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE,
                    "file sources are disabled (no timbre.ingest.allowed-roots configured)");
        }
        Path path;
        try {
            path = Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new RejectedRequestException(Rejection.INVALID, "invalid file URI: " + e.getMessage());
        }
        // Check the lexical path first so that probing outside the roots does not reveal what exists there.
        if (!policy.isAllowedFile(path.toAbsolutePath().normalize())) {
            throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "file source is outside the allowed roots");
        }
        try {
            Path real = path.toRealPath();
            if (!policy.isAllowedFile(real)) {
                throw new RejectedRequestException(Rejection.FORBIDDEN_SOURCE, "file source is outside the allowed roots");
            }
            if (!Files.isRegularFile(real)) {
                throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "file source is not a regular file");
            }
            if (Files.size(real) > policy.maxUploadBytes()) {
                throw new RejectedRequestException(Rejection.TOO_LARGE,
                        "source is " + Files.size(real) + " bytes; the limit is " + policy.maxUploadBytes() + " bytes");
            }
            return Files.newInputStream(real);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "file source does not exist");
        } catch (IOException e) {
            throw new RejectedRequestException(Rejection.SOURCE_UNAVAILABLE, "file source cannot be read", e);
        }
    }

    private InputStream openHttp(URI uri) {
        return http.open(uri);
    }

    /** The JVM's trust, or the configured trust store (sources behind a private CA). */
    static SSLContext trust(IngestConfig.Fetch fetch) {
        try {
            if (fetch.truststore() == null || fetch.truststore().isBlank()) {
                return SSLContext.getDefault();
            }
            char[] password = fetch.truststorePassword() == null ? null : fetch.truststorePassword().toCharArray();
            KeyStore store = KeyStore.getInstance(new java.io.File(fetch.truststore()), password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load timbre.ingest.fetch.truststore " + fetch.truststore() + ": " + e, e);
        }
    }
}
