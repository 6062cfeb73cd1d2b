package dev.timbre.classification.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Micrometer meters of the inference loop (served on /prometheus). */
public final class InferenceMetrics implements InferenceLoop.BatchListener {

    private final MeterRegistry registry;
    private final Counter classified;
    private final DistributionSummary batchSize;
    private final Timer batchTime;

    public InferenceMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.classified = Counter.builder("timbre.classification.windows.classified").register(registry);
        this.batchSize = DistributionSummary.builder("timbre.classification.batch.size").register(registry);
        this.batchTime = Timer.builder("timbre.classification.batch.time")
                .description("decode, validate and infer one batch").register(registry);
    }

    @Override
    public void committed(List<ConsumerRecord<byte[], byte[]>> batch, ProcessedBatch result, long inferenceNanos) {
        classified.increment(result.classified());
        batchSize.record(batch.size());
        batchTime.record(inferenceNanos, TimeUnit.NANOSECONDS);
        result.rejected().forEach((reason, count) -> Counter.builder("timbre.classification.windows.rejected")
                .tag("reason", reason.name()).register(registry).increment(count));
    }
}
