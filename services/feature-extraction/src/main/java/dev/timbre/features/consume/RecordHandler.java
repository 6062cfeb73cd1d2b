package dev.timbre.features.consume;

import dev.timbre.blob.BlobStoreException;
import dev.timbre.platform.kafka.PublishException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Processes one input record completely; throws only when it must be retried rather than committed: its outputs
 * could not be published, or the blob store itself could not be used (outage, refused credentials).
 */
@FunctionalInterface
public interface RecordHandler {
    void process(ConsumerRecord<String, byte[]> record) throws PublishException, BlobStoreException;
}
