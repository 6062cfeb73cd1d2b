package dev.timbre.classification.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds the dead letter for a rejected input record, ready to go out in the same transaction as the
 * batch's predictions (so a window is either predicted or dead-lettered, never neither nor both).
 */
@FunctionalInterface
public interface DeadLetterWriter {

    ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> failed, String reason, Throwable error);
}
