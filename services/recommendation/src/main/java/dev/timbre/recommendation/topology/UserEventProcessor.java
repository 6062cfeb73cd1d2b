package dev.timbre.recommendation.topology;

import dev.timbre.platform.dlq.DeadLetterFactory;
import dev.timbre.recommendation.catalog.Catalog;
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
    private ProcessorContext<String, Emission> context;
    private KeyValueStore<String, TasteState> tastes;
    private KeyValueStore<String, Long> seenEvents;
    private KeyValueStore<String, RecommendationList> lists;

    UserEventProcessor(Deserializer<UserEvent> events, TasteModel model, Ranker ranker, Catalog catalog,
                       Duration dedupeRetention) {
        this.events = events;
        this.model = model;
        this.ranker = ranker;
        this.catalog = catalog;
        this.dedupeRetention = dedupeRetention;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        this.tastes = context.getStateStore(StoreNames.TASTE);
        this.seenEvents = context.getStateStore(StoreNames.SEEN_EVENTS);
        this.lists = context.getStateStore(StoreNames.LISTS);
        // Stream time, so that purging is as deterministic as the processing itself.
        context.schedule(Duration.ofMinutes(10), PunctuationType.STREAM_TIME, this::purgeSeenEvents);
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
        tastes.put(userId, taste);

        RecommendationList list = ranker.recommend(userId, taste, event.getEventId(), record.timestamp());
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
