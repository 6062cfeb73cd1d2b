package dev.timbre.ingest.register;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * How ingest fetches {@code https://} sources ({@code timbre.ingest.fetch.*}); the overall time limit is
 * {@code timbre.ingest.fetch-timeout} and the size limit {@code timbre.ingest.max-upload-bytes}.
 *
 * @param allowedHosts       hosts that may resolve to non-public addresses: exact names ({@code media.internal}),
 *                           {@code *.suffix} wildcards, IP literals or CIDR ranges ({@code 10.20.0.0/16}); empty by
 *                           default, so only public addresses are fetched
 * @param maxRedirects       redirect hops followed, each re-validated (default 5)
 * @param connectTimeout     TCP connect + TLS handshake limit per hop (default 10 s)
 * @param readTimeout        longest silence between two reads (default 20 s)
 * @param maxHeaderBytes     response header size limit (default 32 KiB)
 * @param truststore         optional PKCS12/JKS trust store for sources signed by a private CA (default: the JVM's)
 * @param truststorePassword its password
 */
@ConfigurationProperties("timbre.ingest.fetch")
public record FetchConfig(@Nullable List<String> allowedHosts,
                          @Bindable(defaultValue = "5") int maxRedirects,
                          @Bindable(defaultValue = "10s") Duration connectTimeout,
                          @Bindable(defaultValue = "20s") Duration readTimeout,
                          @Bindable(defaultValue = "32768") int maxHeaderBytes,
                          @Nullable String truststore,
                          @Nullable String truststorePassword) {

    public FetchConfig {
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().filter(h -> h != null && !h.isBlank()).map(String::strip).toList();
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("timbre.ingest.fetch.max-redirects must be within 0..20");
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
        maxHeaderBytes = maxHeaderBytes <= 0 ? 32768 : maxHeaderBytes;
    }

    /** Defaults, no allowlist. */
    public static FetchConfig defaults() {
        return new FetchConfig(List.of(), 5, Duration.ofSeconds(10), Duration.ofSeconds(20), 32768, null, null);
    }

    public FetchConfig withAllowedHosts(List<String> hosts) {
        return new FetchConfig(hosts, maxRedirects, connectTimeout, readTimeout, maxHeaderBytes, truststore, truststorePassword);
    }
}
