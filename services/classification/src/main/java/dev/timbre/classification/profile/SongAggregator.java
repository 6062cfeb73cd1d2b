package dev.timbre.classification.profile;

import dev.timbre.schema.classification.WindowPrediction;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds a song's window predictions into its {@link SongAccumulator} and forwards the accumulator once,
 * on the prediction that completes the song. Duplicates change nothing and forward nothing, so a replay
 * of {@code window.predictions} cannot emit a second, different profile.
 */
final class SongAggregator implements FixedKeyProcessor<String, WindowPrediction, SongAccumulator> {

    private static final Logger LOG = LoggerFactory.getLogger(SongAggregator.class);

    private final String storeName;
    private FixedKeyProcessorContext<String, SongAccumulator> context;
    private KeyValueStore<String, SongAccumulator> store;

    SongAggregator(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, SongAccumulator> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, WindowPrediction> record) {
        WindowPrediction prediction = record.value();
        if (record.key() == null || prediction == null) {
            return;
        }
        SongAccumulator acc = store.get(record.key());
        boolean wasComplete = acc != null && acc.isComplete();
        if (acc == null) {
            acc = SongAccumulator.startingWith(prediction);
        }
        SongAccumulator.Outcome outcome = acc.add(prediction);
        if (outcome == SongAccumulator.Outcome.INCOMPATIBLE) {
            LOG.warn("song {}: window {} does not fit the song's output layout, ignored",
                    record.key(), prediction.getWindowIndex());
            return;
        }
        if (outcome == SongAccumulator.Outcome.DUPLICATE) {
            return;
        }
        store.put(record.key(), acc);
        if (acc.isComplete() && !wasComplete) {
            context.forward(record.withValue(acc));
        }
    }
}
