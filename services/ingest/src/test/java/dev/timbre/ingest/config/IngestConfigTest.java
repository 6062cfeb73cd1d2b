package dev.timbre.ingest.config;

import dev.timbre.blob.micronaut.BlobConfig;
import dev.timbre.ingest.register.IngestPolicy;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ingest's one settings record: the defaults written once in it, application.yml's upload limit, and overrides. */
class IngestConfigTest {

    private static Map<String, Object> base(Path dir) {
        Map<String, Object> props = new HashMap<>();
        props.put("timbre.kafka.producer.enabled", false);
        props.put("timbre.catalog.feed.enabled", false);
        props.put("timbre.live.feed.enabled", false);
        props.put("timbre.security.dev-keys-file", dir.resolve("dev-api-keys.properties").toString());
        return props;
    }

    @Test
    void theDefaultsAreTheRecordsAndTheUploadLimitApplicationYmls(@TempDir Path dir) {
        try (ApplicationContext ctx = ApplicationContext.run(base(dir))) {
            IngestConfig config = ctx.getBean(IngestConfig.class);
            assertEquals(52428800L, config.ingest().maxUploadBytes());
            assertEquals(List.of(), config.ingest().allowedRoots());
            assertFalse(config.ingest().allowPlainHttp());
            assertEquals(Duration.ofSeconds(60), config.ingest().fetchTimeout());
            assertEquals(URI.create("http://localhost:8083"), config.ingest().recommendationUrl());
            assertEquals(IngestConfig.Fetch.defaults(), config.fetch());
            assertEquals(5, config.fetch().maxRedirects());
            assertEquals(Duration.ofSeconds(10), config.fetch().connectTimeout());
            assertEquals(Duration.ofSeconds(20), config.fetch().readTimeout());
            assertEquals(32768, config.fetch().maxHeaderBytes());
            assertEquals("", config.security().apiKeys());
            assertEquals(List.of("alice", "bob"), config.security().devUsers());
            assertEquals(Duration.ofHours(1), config.web().tokenTtl());
            assertEquals("", config.web().tokenSecret());
            assertEquals("local", ctx.getBean(BlobConfig.class).store());
            assertEquals(".timbre/blobs", ctx.getBean(BlobConfig.class).root());
            assertEquals(52428800L, ctx.getBean(IngestPolicy.class).maxUploadBytes());
        }
    }

    @Test
    void everyKeyIsBoundFromItsProperty(@TempDir Path dir) {
        Map<String, Object> props = base(dir);
        props.put("timbre.ingest.max-upload-bytes", "1000");
        props.put("timbre.ingest.allowed-roots", dir.toString());
        props.put("timbre.ingest.allow-plain-http", "true");
        props.put("timbre.ingest.fetch-timeout", "7s");
        props.put("timbre.ingest.recommendation-url", "http://reco:9999");
        props.put("timbre.ingest.fetch.allowed-hosts", "media.internal, 10.0.0.0/8");
        props.put("timbre.ingest.fetch.max-redirects", "2");
        props.put("timbre.ingest.fetch.read-timeout", "3s");
        props.put("timbre.security.api-keys", "k-alice-0123456789=alice:USER");
        props.put("timbre.security.dev-users", "carol");
        props.put("timbre.web.token-secret", "a-secret-of-at-least-16-bytes");
        props.put("timbre.web.token-ttl", "5m");
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            IngestConfig config = ctx.getBean(IngestConfig.class);
            assertEquals(1000L, config.ingest().maxUploadBytes());
            assertEquals(List.of(dir.toString()), config.ingest().allowedRoots());
            assertTrue(config.ingest().allowPlainHttp());
            assertEquals(Duration.ofSeconds(7), config.ingest().fetchTimeout());
            assertEquals(URI.create("http://reco:9999"), config.ingest().recommendationUrl());
            assertEquals(List.of("media.internal", "10.0.0.0/8"), config.fetch().allowedHosts());
            assertEquals(2, config.fetch().maxRedirects());
            assertEquals(Duration.ofSeconds(3), config.fetch().readTimeout());
            assertEquals(Duration.ofSeconds(10), config.fetch().connectTimeout());
            assertEquals("k-alice-0123456789=alice:USER", config.security().apiKeys());
            assertEquals(List.of("carol"), config.security().devUsers());
            assertEquals("a-secret-of-at-least-16-bytes", config.web().tokenSecret());
            assertEquals(Duration.ofMinutes(5), config.web().tokenTtl());
            assertTrue(ctx.getBean(IngestPolicy.class).allowPlainHttp());
        }
    }

    @Test
    void invalidValuesAreRefusedNamingTheKey() {
        IllegalArgumentException upload = assertThrows(IllegalArgumentException.class,
                () -> new IngestConfig.Ingest(0, null, null, null, null));
        assertTrue(upload.getMessage().contains("timbre.ingest.max-upload-bytes"), upload.getMessage());
        IllegalArgumentException redirects = assertThrows(IllegalArgumentException.class,
                () -> new IngestConfig.Fetch(null, 21, null, null, null, null, null));
        assertTrue(redirects.getMessage().contains("timbre.ingest.fetch.max-redirects"), redirects.getMessage());
    }
}
