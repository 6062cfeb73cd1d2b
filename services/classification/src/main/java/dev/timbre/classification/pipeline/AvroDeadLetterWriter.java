package dev.timbre.classification.pipeline;

import dev.timbre.schema.Topics;
import dev.timbre.schema.dlq.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.time.Clock;

/** Dead letters as {@link DeadLetter} Avro records on {@code <input topic>.dlq}, keyed by the original key. */
public final class AvroDeadLetterWriter implements DeadLetterWriter {

    private final String service;
    private final Serializer<DeadLetter> serializer;
    private final Clock clock;

    public AvroDeadLetterWriter(String service, Serializer<DeadLetter> serializer, Clock clock) {
        this.service = service;
        this.serializer = serializer;
        this.clock = clock;
    }

    @Override
    public ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> failed, String reason,
                                                      Throwable error) {
        DeadLetter letter = DeadLetter.newBuilder()
                .setSourceTopic(failed.topic())
                .setPartition(failed.partition())
                .setOffset(failed.offset())
                .setKey(failed.key() == null ? null : ByteBuffer.wrap(failed.key()))
                .setValue(failed.value() == null ? null : ByteBuffer.wrap(failed.value()))
                .setReason(reason)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setService(service)
                .setFailedAt(clock.instant())
                .build();
        String topic = Topics.deadLetterOf(failed.topic());
        return new ProducerRecord<>(topic, null, failed.key(), serializer.serialize(topic, letter));
    }
}
