package dev.timbre.classification.pipeline;

import dev.timbre.platform.dlq.DeadLetterFactory;
import dev.timbre.schema.Topics;
import dev.timbre.schema.dlq.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

import java.time.Clock;

/**
 * Dead letters built by the platform's {@link DeadLetterFactory} (raw key and value bytes kept, reason, service,
 * time) and serialized here, so they go out through the inference loop's transactional producer together with
 * the batch's predictions instead of through a separate, non-transactional one.
 */
public final class AvroDeadLetterWriter implements DeadLetterWriter {

    private final DeadLetterFactory letters;
    private final Serializer<DeadLetter> serializer;

    public AvroDeadLetterWriter(String service, Serializer<DeadLetter> serializer, Clock clock) {
        this(new DeadLetterFactory(service, clock), serializer);
    }

    public AvroDeadLetterWriter(DeadLetterFactory letters, Serializer<DeadLetter> serializer) {
        this.letters = letters;
        this.serializer = serializer;
    }

    @Override
    public ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> failed, String reason,
                                                      Throwable error) {
        DeadLetter letter = letters.of(failed, reason, error);
        String topic = Topics.deadLetterOf(failed.topic());
        return new ProducerRecord<>(topic, null, failed.key(), serializer.serialize(topic, letter));
    }
}
