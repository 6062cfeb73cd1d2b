package dev.timbre.blob.micronaut;

import dev.timbre.blob.BlobStore;
import dev.timbre.blob.BlobStoreException;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness of the blob store ({@code /health/readiness}, indicator {@code blobStore}). Checked once at startup,
 * which logs a clear error when the store cannot be used (e.g. S3 refusing the credentials); the service keeps
 * running and reports DOWN, so Kubernetes sends it no traffic and a rollout with a bad Secret stops, and turns
 * UP by itself once the store answers. Re-checked at most every {@value #RECHECK_MILLIS} ms.
 */
@Context
@Readiness
@Requires(classes = HealthIndicator.class)
@Requires(property = "timbre.blob.health.enabled", notEquals = "false")
public class BlobStoreHealthIndicator implements HealthIndicator {
    static final String NAME = "blobStore";
    static final long RECHECK_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(BlobStoreHealthIndicator.class);

    private final BlobStore store;
    private volatile String problem;
    private volatile long checkedAt;

    /** The store type is checked by {@link BlobConfig}, which this bean (eager) binds at startup. */
    public BlobStoreHealthIndicator(BlobConfig config, BeanProvider<BlobStore> stores) {
        this.store = stores.get();
        probe();
        if (problem == null) {
            LOG.info("blob store {} is ready", store.describe());
        } else {
            LOG.error("BLOB STORE NOT USABLE: {} -- store {}; readiness stays DOWN until it is", problem, store.describe());
        }
    }

    /** The reason the store is not usable, or null when it is (at most {@value #RECHECK_MILLIS} ms old). */
    public String problem() {
        if (System.currentTimeMillis() - checkedAt > RECHECK_MILLIS) {
            probe();
        }
        return problem;
    }

    private synchronized void probe() {
        String previous = problem;
        try {
            store.check();
            problem = null;
            if (previous != null) {
                LOG.info("blob store {} is usable again", store.describe());
            }
        } catch (BlobStoreException e) {
            problem = e.getMessage();
        } catch (RuntimeException e) {
            problem = "blob store check failed: " + e;
        }
        checkedAt = System.currentTimeMillis();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        String current = problem();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("store", store.describe());
        if (current != null) {
            details.put("error", current);
        }
        return Publishers.just(HealthResult.builder(NAME, current == null ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}
