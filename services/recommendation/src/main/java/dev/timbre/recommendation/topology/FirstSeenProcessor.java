package dev.timbre.recommendation.topology;

import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.song.SongStage;
import dev.timbre.schema.song.SongStatus;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;

/** Reports RECOMMENDABLE on {@code song.status} the first time a song's profile enters the catalog. */
final class FirstSeenProcessor implements Processor<String, SongProfile, String, SongStatus> {

    private KeyValueStore<String, Long> seen;
    private ProcessorContext<String, SongStatus> context;

    @Override
    public void init(ProcessorContext<String, SongStatus> context) {
        this.context = context;
        this.seen = context.getStateStore(StoreNames.SEEN_SONGS);
    }

    @Override
    public void process(Record<String, SongProfile> record) {
        if (record.value() == null) {
            seen.delete(record.key()); // deleted: announce it again if it comes back
            return;
        }
        if (seen.get(record.key()) != null) {
            return;
        }
        seen.put(record.key(), record.timestamp());
        SongStatus status = SongStatus.newBuilder()
                .setSongId(record.key())
                .setStage(SongStage.RECOMMENDABLE)
                .setDetail("in the recommendation catalog")
                .setService(UserEventProcessor.SERVICE)
                .setUpdatedAt(Instant.ofEpochMilli(record.timestamp()))
                .build();
        context.forward(record.withValue(status));
    }
}
