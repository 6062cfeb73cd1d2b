package dev.timbre.ingest.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Ingest's own settings, one immutable record with each default written once, here (every key can be set by
 * environment variable: {@code timbre.ingest.fetch-timeout} is {@code TIMBRE_INGEST_FETCH_TIMEOUT}). The shared
 * settings are the kit's ({@code timbre.kafka.*}: {@code KafkaKitConfig}, {@code timbre.service-auth.*}:
 * {@code ServiceAuthConfig}) and timbre-blob's ({@code timbre.blob.*}: {@code BlobConfig}).
 *
 * <p>The one exception is the upload limit: Micronaut's own server limits ({@code micronaut.server.max-request-size},
 * {@code multipart.max-file-size}) are derived from it in {@code application.yml}, so
 * {@code timbre.ingest.max-upload-bytes} and {@code timbre.ingest.max-request-bytes} are written there, once.
 *
 * @param ingest   {@code timbre.ingest.*}: what ingest accepts and where the recommendation service is
 * @param fetch    {@code timbre.ingest.fetch.*}: how ingest fetches {@code https://} sources
 * @param security {@code timbre.security.*}: the API keys
 * @param web      {@code timbre.web.*}: the web page's media tokens
 */
@ConfigurationProperties("timbre")
public record IngestConfig(Ingest ingest, Fetch fetch, Security security, Web web) {

    /**
     * What ingest accepts.
     *
     * @param maxUploadBytes    the upload size limit (set in {@code application.yml}: 50 MiB)
     * @param allowedRoots      the directories a {@code file:} reference may point into; none by default
     *                          (referencing server-side files is opt-in)
     * @param allowPlainHttp    whether plain {@code http:} references are allowed (only {@code https:} by default)
     * @param fetchTimeout      how long a whole remote fetch may take, redirects and body included (default 60 s)
     * @param recommendationUrl the recommendation service that ingest proxies reads to
     *                          ({@code TIMBRE_INGEST_RECOMMENDATION_URL}, default {@code http://localhost:8083})
     */
    @ConfigurationProperties("ingest")
    public record Ingest(long maxUploadBytes,
                         @Nullable List<String> allowedRoots,
                         @Nullable Boolean allowPlainHttp,
                         @Nullable Duration fetchTimeout,
                         @Nullable URI recommendationUrl) {
        public Ingest {
            if (maxUploadBytes <= 0) {
                throw new IllegalArgumentException("timbre.ingest.max-upload-bytes must be positive");
            }
            allowedRoots = allowedRoots == null ? List.of()
                    : allowedRoots.stream().filter(r -> r != null && !r.isBlank()).map(String::strip).toList();
            allowPlainHttp = allowPlainHttp != null && allowPlainHttp;
            fetchTimeout = fetchTimeout == null ? Duration.ofSeconds(60) : fetchTimeout;
            recommendationUrl = recommendationUrl == null ? URI.create("http://localhost:8083") : recommendationUrl;
        }
    }

    /**
     * How ingest fetches {@code https://} sources; the overall time limit is {@code timbre.ingest.fetch-timeout} and
     * the size limit {@code timbre.ingest.max-upload-bytes}.
     *
     * @param allowedHosts       hosts that may resolve to non-public addresses: exact names ({@code media.internal}),
     *                           {@code *.suffix} wildcards, IP literals or CIDR ranges ({@code 10.20.0.0/16}); empty
     *                           by default, so only public addresses are fetched
     * @param maxRedirects       redirect hops followed, each re-validated (default 5, at most 20)
     * @param connectTimeout     TCP connect + TLS handshake limit per hop (default 10 s)
     * @param readTimeout        longest silence between two reads (default 20 s)
     * @param maxHeaderBytes     response header size limit (default 32 KiB)
     * @param truststore         optional PKCS12/JKS trust store for sources signed by a private CA (default: the JVM's)
     * @param truststorePassword its password
     */
    @ConfigurationProperties("ingest.fetch")
    public record Fetch(@Nullable List<String> allowedHosts,
                        @Nullable Integer maxRedirects,
                        @Nullable Duration connectTimeout,
                        @Nullable Duration readTimeout,
                        @Nullable Integer maxHeaderBytes,
                        @Nullable String truststore,
                        @Nullable String truststorePassword) {

        public Fetch {
            allowedHosts = allowedHosts == null ? List.of()
                    : allowedHosts.stream().filter(h -> h != null && !h.isBlank()).map(String::strip).toList();
            maxRedirects = maxRedirects == null ? 5 : maxRedirects;
            if (maxRedirects < 0 || maxRedirects > 20) {
                throw new IllegalArgumentException("timbre.ingest.fetch.max-redirects must be within 0..20");
            }
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
            maxHeaderBytes = maxHeaderBytes == null || maxHeaderBytes <= 0 ? 32768 : maxHeaderBytes;
        }

        /** The defaults, no allowlist. */
        public static Fetch defaults() {
            return new Fetch(null, null, null, null, null, null, null);
        }

        public Fetch withAllowedHosts(List<String> hosts) {
            return new Fetch(hosts, maxRedirects, connectTimeout, readTimeout, maxHeaderBytes, truststore, truststorePassword);
        }
    }

    /**
     * The API keys ({@code ApiKeyRegistry}).
     *
     * @param apiKeys     {@code key=principal:ROLE[|ROLE], ...}; empty: dev mode
     * @param devUsers    dev mode: one generated USER key each (default alice, bob)
     * @param devKeysFile dev mode: where the generated keys are written (default
     *                    {@code .timbre/dev-api-keys.properties}; blank: nowhere)
     */
    @ConfigurationProperties("security")
    public record Security(@Nullable String apiKeys,
                           @Nullable List<String> devUsers,
                           @Nullable String devKeysFile) {
        public Security {
            apiKeys = apiKeys == null ? "" : apiKeys;
            devUsers = devUsers == null ? List.of("alice", "bob") : List.copyOf(devUsers);
            devKeysFile = devKeysFile == null ? ".timbre/dev-api-keys.properties" : devKeysFile;
        }
    }

    /**
     * The web page's media tokens ({@code MediaTokens}).
     *
     * @param tokenSecret the signing key (at least 16 bytes; the same on every instance behind one address); blank:
     *                    random per process
     * @param tokenTtl    how long a token is valid (default 1 h)
     */
    @ConfigurationProperties("web")
    public record Web(@Nullable String tokenSecret, @Nullable Duration tokenTtl) {
        public Web {
            tokenSecret = tokenSecret == null ? "" : tokenSecret;
            tokenTtl = tokenTtl == null ? Duration.ofHours(1) : tokenTtl;
        }
    }
}
