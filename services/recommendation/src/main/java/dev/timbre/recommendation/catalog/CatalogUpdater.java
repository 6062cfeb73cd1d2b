package dev.timbre.recommendation.catalog;

import dev.timbre.schema.classification.SongProfile;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Global-store processor of the catalog topic: keeps the store and the in-memory {@link Catalog}
 * (candidate index, popularity) in step. Kafka Streams restores global stores without calling the
 * processor, so {@link #init} rebuilds the in-memory view from the restored store.
 */
public final class CatalogUpdater implements Processor<String, SongProfile, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogUpdater.class);

    private final String storeName;
    private final Catalog catalog;
    private KeyValueStore<String, SongProfile> store;

    public CatalogUpdater(String storeName, Catalog catalog) {
        this.storeName = storeName;
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        int loaded = 0;
        try (KeyValueIterator<String, SongProfile> all = store.all()) {
            while (all.hasNext()) {
                if (apply(all.next().value)) {
                    loaded++;
                }
            }
        }
        LOG.info("Catalog loaded from the global store: {} songs", loaded);
    }

    @Override
    public void process(Record<String, SongProfile> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            catalog.remove(record.key());
            return;
        }
        store.put(record.key(), record.value());
        apply(record.value());
    }

    private boolean apply(SongProfile profile) {
        try {
            catalog.upsert(SongEntry.from(profile, catalog.dimensionsFor(profile)));
            return true;
        } catch (InvalidProfileException e) {
            LOG.warn("Song profile left out of the catalog: {}", e.getMessage());
            return false;
        }
    }
}
