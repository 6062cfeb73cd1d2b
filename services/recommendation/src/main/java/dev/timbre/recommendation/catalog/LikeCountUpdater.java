package dev.timbre.recommendation.catalog;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.KeyValue;

/**
 * Global-store processor of the like-count topic (songId → total likes, aggregated by this app):
 * gives every instance the counts its cold-start lists need.
 */
public final class LikeCountUpdater implements Processor<String, Long, Void, Void> {

    private final String storeName;
    private final Popularity popularity;
    private KeyValueStore<String, Long> store;

    public LikeCountUpdater(String storeName, Popularity popularity) {
        this.storeName = storeName;
        this.popularity = popularity;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        try (KeyValueIterator<String, Long> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> kv = all.next();
                popularity.setLikes(kv.key, kv.value);
            }
        }
    }

    @Override
    public void process(Record<String, Long> record) {
        if (record.key() == null) {
            return;
        }
        long count = record.value() == null ? 0 : record.value();
        store.put(record.key(), count);
        popularity.setLikes(record.key(), count);
    }
}
