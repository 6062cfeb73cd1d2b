package dev.timbre.platform.lifecycle;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The health result of a managed part, the same for every service: {@link RunState#health()} plus details. */
public final class KitHealth {
    private KitHealth() {
    }

    public static HealthStatus status(RunState state) {
        return switch (state) {
            case RUNNING -> HealthStatus.UP;
            case STARTING -> HealthStatus.UNKNOWN;
            case STOPPED, FAILED -> HealthStatus.DOWN;
        };
    }

    /**
     * @param name    the indicator's name ({@code kafkaStreams}, {@code inference} ...)
     * @param state   the kit's state
     * @param details shown under {@code details}; {@code runState} is added
     */
    public static HealthResult result(String name, RunState state, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("runState", state.name());
        return HealthResult.builder(name, status(state)).details(all).build();
    }

    /** For a Streams app: its raw Streams state and thread count as details. */
    public static HealthResult of(String name, ManagedStreams streams, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", streams.streams() == null ? "NOT_STARTED" : streams.streamsState().name());
        if (streams.streams() != null) {
            details.put("threads", streams.streams().metadataForLocalThreads().size());
        }
        details.putAll(extra);
        return result(name, streams.state(), details);
    }
}
