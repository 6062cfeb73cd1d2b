package dev.timbre.platform.registry;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * How to reach the schema registry, read from Confluent's configuration keys so the same properties work for
 * Confluent's serdes and ours. See the module README for the list.
 *
 * @param urls              one or more base URLs, tried in order when one cannot be reached
 * @param basicAuthUserInfo {@code user:password}, or null for no authentication
 * @param tls               trust/key stores for HTTPS, or null for the JVM defaults
 */
public record RegistryConfig(List<URI> urls, String basicAuthUserInfo, TlsConfig tls, Duration connectTimeout,
                             Duration requestTimeout, int cacheCapacity, Duration latestTtl) {

    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    public static final String REGISTRY_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String CACHE_CAPACITY = "max.schemas.per.subject";
    public static final String LATEST_TTL_SEC = "latest.cache.ttl.sec";
    public static final String MOCK_SCHEME = "mock://";

    /** Key and trust stores for HTTPS ({@code schema.registry.ssl.*}); a null location means "not set". */
    public record TlsConfig(String truststoreLocation, String truststorePassword, String truststoreType,
                            String keystoreLocation, String keystorePassword, String keystoreType, String keyPassword) {
        public static final String PREFIX = "schema.registry.ssl.";
    }

    public static RegistryConfig from(Map<String, ?> configs) {
        String rawUrls = string(configs, URL);
        if (rawUrls == null || rawUrls.isBlank()) {
            throw new ConfigException("Missing required configuration \"" + URL + "\" (e.g. http://registry:8080/apis/ccompat/v7, or mock://<scope> in tests)");
        }
        List<URI> urls = new ArrayList<>();
        for (String url : rawUrls.split(",")) {
            if (!url.isBlank()) {
                urls.add(parseUrl(url.trim()));
            }
        }
        return new RegistryConfig(List.copyOf(urls), userInfo(configs, urls), tls(configs),
                Duration.ofMillis(longValue(configs, CONNECT_TIMEOUT_MS, 10_000)),
                Duration.ofMillis(longValue(configs, READ_TIMEOUT_MS, 30_000)),
                (int) longValue(configs, CACHE_CAPACITY, CachedSchemaRegistryClient.DEFAULT_CAPACITY),
                Duration.ofSeconds(longValue(configs, LATEST_TTL_SEC, -1)));
    }

    /** The scope of a {@code mock://scope} URL, or null when the registry is a real one. */
    public String mockScope() {
        URI first = urls.get(0);
        return "mock".equals(first.getScheme()) ? first.toString().substring(MOCK_SCHEME.length()) : null;
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("mock")) {
                throw new ConfigException(URL, url, "expected an http(s):// or mock:// URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(URL, url, "not a valid URL: " + e.getMessage());
        }
    }

    private static String userInfo(Map<String, ?> configs, List<URI> urls) {
        String source = string(configs, CREDENTIALS_SOURCE);
        String explicit = string(configs, USER_INFO) != null ? string(configs, USER_INFO) : string(configs, REGISTRY_USER_INFO);
        String fromUrl = urls.get(0).getRawUserInfo();
        if (source == null) {
            return explicit != null ? explicit : fromUrl;
        }
        switch (source.trim().toUpperCase(Locale.ROOT)) {
            case "USER_INFO":
                if (explicit == null || !explicit.contains(":")) {
                    throw new ConfigException(USER_INFO, explicit, CREDENTIALS_SOURCE + "=USER_INFO needs " + USER_INFO + "=user:password");
                }
                return explicit;
            case "URL":
                if (fromUrl == null) {
                    throw new ConfigException(URL, urls.get(0).toString(), CREDENTIALS_SOURCE + "=URL needs user:password@ in the URL");
                }
                return fromUrl;
            default:
                throw new ConfigException(CREDENTIALS_SOURCE, source, "supported: USER_INFO, URL");
        }
    }

    private static TlsConfig tls(Map<String, ?> configs) {
        String p = TlsConfig.PREFIX;
        TlsConfig tls = new TlsConfig(string(configs, p + "truststore.location"), string(configs, p + "truststore.password"),
                string(configs, p + "truststore.type"), string(configs, p + "keystore.location"),
                string(configs, p + "keystore.password"), string(configs, p + "keystore.type"), string(configs, p + "key.password"));
        return tls.truststoreLocation() == null && tls.keystoreLocation() == null ? null : tls;
    }

    static String string(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof org.apache.kafka.common.config.types.Password password) {
            return password.value();
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? null : text;
    }

    private static long longValue(Map<String, ?> configs, String key, long fallback) {
        String text = string(configs, key);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, text, "expected a number");
        }
    }
}
