package dev.timbre.platform.lifecycle;

/**
 * The one life cycle every long-running part of a Timbre service reports (a Streams app, a polling worker), and
 * the one mapping to health ({@link KitHealth}): {@link #RUNNING} is UP, {@link #STARTING} (not started yet, created, rebalancing) is
 * UNKNOWN (HTTP 200: not ready to be judged, not broken), {@link #STOPPED} and {@link #FAILED} are DOWN (503).
 */
public enum RunState {
    STARTING, RUNNING, STOPPED, FAILED;

    /**
     * A Kafka Streams state in these terms: CREATED and REBALANCING are starting (no task is being processed yet, or
     * the assignment is moving); PENDING_SHUTDOWN and NOT_RUNNING are stopped; PENDING_ERROR and ERROR failed.
     */
    public static RunState of(org.apache.kafka.streams.KafkaStreams.State state) {
        if (state == null) {
            return STARTING;
        }
        return switch (state) {
            case CREATED, REBALANCING -> STARTING;
            case RUNNING -> RUNNING;
            case PENDING_SHUTDOWN, NOT_RUNNING -> STOPPED;
            case PENDING_ERROR, ERROR -> FAILED;
        };
    }
}
