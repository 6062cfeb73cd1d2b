package dev.timbre.classification.pipeline;

import dev.timbre.classification.validation.RejectionReason;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;
import java.util.Map;

/**
 * What one batch of {@code audio.features} records turned into: the records to publish (predictions and
 * dead letters, in one transaction with the input offsets) and counts for metrics and logs.
 */
public record ProcessedBatch(
        List<ProducerRecord<byte[], byte[]>> output,
        int classified,
        Map<RejectionReason, Integer> rejected) {

    public int rejectedTotal() {
        return rejected.values().stream().mapToInt(Integer::intValue).sum();
    }
}
