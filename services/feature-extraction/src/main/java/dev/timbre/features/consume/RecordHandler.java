package dev.timbre.features.consume;

import dev.timbre.features.publish.PublishFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Processes one input record completely; throws only when its outputs could not be published. */
@FunctionalInterface
public interface RecordHandler {
    void process(ConsumerRecord<String, byte[]> record) throws PublishFailedException;
}
