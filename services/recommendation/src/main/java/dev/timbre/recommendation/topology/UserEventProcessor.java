package dev.timbre.recommendation.topology;

import dev.timbre.platform.dlq.DeadLetterFactory;
import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.catalog.SongEntry;
import dev.timbre.recommendation.config.RecommendationConfig;
import dev.timbre.recommendation.taste.TasteIndex;
import dev.timbre.recommendation.ranking.Ranker;
import dev.timbre.recommendation.taste.EventValidator;
import dev.timbre.recommendation.taste.TasteModel;
import dev.timbre.recommendation.taste.TasteState;
import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.user.UserEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per user event: decode and validate (dead-letter otherwise), drop replays by eventId, update the
 * taste, recompute the user's list and store it. Values arrive as bytes so that an undecodable
 * record is dead-lettered with its original bytes instead of stopping the application.
 */
final class UserEventProcessor implements Processor<String, byte[], String, Emission> {

    private static final Logger LOG = LoggerFactory.getLogger(UserEventProcessor.class);
    static final String SERVICE = "recommendation";
    /** The platform's one dead-letter builder (reason truncation included); failedAt is the record's timestamp. */
    private static final DeadLetterFactory DEAD_LETTERS = new DeadLetterFactory(SERVICE, Clock.systemUTC());

    private final Deserializer<UserEvent> events;
    private final TasteModel model;
    private final Ranker ranker;
    private final Catalog catalog;
    private final Duration dedupeRetention;
    private final RecommendationConfig config;
    /** This task's users by taste vector, for the new-song fan-out (null when it is off). */
    private TasteIndex users;
    private long songCursor;
    private ProcessorContext<String, Emission> context;
    private KeyValueStore<String, TasteState> tastes;
    private KeyValueStore<String, Long> seenEvents;
    private KeyValueStore<String, RecommendationList> lists;

    UserEventProcessor(Deserializer<UserEvent> events, TasteModel model, Ranker ranker, Catalog catalog,
                       RecommendationConfig config) {
        this.events = events;
        this.model = model;
        this.ranker = ranker;
        this.catalog = catalog;
        this.dedupeRetention = config.dedupeRetention();
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        this.tastes = context.getStateStore(StoreNames.TASTE);
        this.seenEvents = context.getStateStore(StoreNames.SEEN_EVENTS);
        this.lists = context.getStateStore(StoreNames.LISTS);
        // Stream time, so that purging is as deterministic as the processing itself.
        context.schedule(Duration.ofMinutes(10), PunctuationType.STREAM_TIME, this::purgeSeenEvents);
        if (config.newSongFanOut()) {
            songCursor = catalog.addedCount(); // songs that arrived before this task started reach users at their next event
            users = new TasteIndex(config.tasteIndexCentroids(), config.tasteIndexProbes(),
                    catalog::sampleEmbeddings, catalog::size);
            long start = System.nanoTime();
            try (KeyValueIterator<String, TasteState> all = tastes.all()) {
                while (all.hasNext()) {
                    KeyValue<String, TasteState> kv = all.next();
                    if (kv.value != null && TasteModel.usable(kv.value)) {
                        users.put(kv.key, kv.value.vector, kv.value.poolFloor);
                    }
                }
            }
            LOG.info("Task {}: taste index of {} users built in {} ms", context.taskId(), users.size(),
                    (System.nanoTime() - start) / 1_000_000);
            context.schedule(config.newSongInterval(), PunctuationType.WALL_CLOCK_TIME, this::fanOutNewSongs);
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        UserEvent event;
        try {
            event = events.deserialize(topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            reject(record, "undecodable user event: " + e.getMessage(), e.getClass().getName());
            return;
        }
        if (event == null) {
            reject(record, "empty user event (null value)", null);
            return;
        }
        Optional<String> problem = EventValidator.problem(record.key(), event);
        if (problem.isPresent()) {
            reject(record, problem.get(), null);
            return;
        }
        if (seenEvents.get(event.getEventId()) != null) {
            LOG.debug("Dropping replayed event {}", event.getEventId());
            return;
        }
        seenEvents.put(event.getEventId(), record.timestamp());

        String userId = record.key();
        TasteState taste = tastes.get(userId);
        if (taste == null) {
            taste = model.empty();
        }
        int likeDelta = model.apply(taste, event, catalog.song(event.getSongId()));
        RecommendationList list = ranker.rank(userId, taste, event.getEventId(), record.timestamp());
        tastes.put(userId, taste);
        if (users != null) {
            if (TasteModel.usable(taste)) {
                users.put(userId, taste.vector, taste.poolFloor);
            } else {
                users.remove(userId);
            }
        }
        lists.put(userId, list);
        context.forward(record.withValue(new Emission.ListUpdate(list)));
        if (likeDelta != 0) {
            context.forward(record.withValue(new Emission.LikeDelta(event.getSongId(), likeDelta)));
        }
    }

    private void reject(Record<String, byte[]> record, String reason, String errorClass) {
        Optional<RecordMetadata> meta = context.recordMetadata();
        DeadLetter dl = DEAD_LETTERS.of(topic(), meta.map(RecordMetadata::partition).orElse(-1),
                meta.map(RecordMetadata::offset).orElse(-1L),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value(),
                reason, errorClass, Instant.ofEpochMilli(record.timestamp()));
        LOG.warn("User event dead-lettered (partition {}, offset {}): {}", dl.getPartition(), dl.getOffset(), reason);
        context.forward(record.withValue(new Emission.Rejected(dl)));
    }

    private String topic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse("user.events");
    }

    /**
     * New songs → the users of this task whose candidates they enter (reverse taste index), re-ranked;
     * a list is emitted (triggeredBy {@code new-song:<songId>}) when the song made it.
     */
    private void fanOutNewSongs(long now) {
        Catalog.Added added = catalog.addedSince(songCursor);
        songCursor = added.next();
        for (SongEntry song : added.songs()) {
            long start = System.nanoTime();
            TasteIndex.Reach reach = users.reach(song.embedding());
            int reRanked = 0;
            int updated = 0;
            String trigger = "new-song:" + song.songId();
            for (String userId : reach.users()) {
                TasteState taste = tastes.get(userId);
                if (taste == null || !TasteModel.usable(taste) || taste.excludes(song.songId())) {
                    continue;
                }
                reRanked++;
                RecommendationList list = ranker.rank(userId, taste, trigger, now);
                users.put(userId, taste.vector, taste.poolFloor);
                RecommendationList before = lists.get(userId);
                if (contains(list, song.songId()) && (before == null || !contains(before, song.songId()))) {
                    updated++;
                    tastes.put(userId, taste); // its pool floor moved
                    lists.put(userId, list);
                    context.forward(new Record<String, Emission>(userId, new Emission.ListUpdate(list), now));
                }
            }
            long nanos = System.nanoTime() - start;
            catalog.fanOut.songs.incrementAndGet();
            catalog.fanOut.examined.addAndGet(reach.examined());
            catalog.fanOut.reRanked.addAndGet(reRanked);
            catalog.fanOut.updated.addAndGet(updated);
            catalog.fanOut.nanos.addAndGet(nanos);
            LOG.debug("New song {}: {} users examined of {}, {} re-ranked, {} lists updated in {} µs", song.songId(),
                    reach.examined(), users.size(), reRanked, updated, nanos / 1000);
        }
    }

    private static boolean contains(RecommendationList list, String songId) {
        for (var item : list.getItems()) {
            if (songId.equals(item.getSongId())) {
                return true;
            }
        }
        return false;
    }

    private void purgeSeenEvents(long streamTime) {
        long cutoff = streamTime - dedupeRetention.toMillis();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = seenEvents.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> kv = all.next();
                if (kv.value < cutoff) {
                    expired.add(kv.key);
                }
            }
        }
        expired.forEach(seenEvents::delete);
    }
}
