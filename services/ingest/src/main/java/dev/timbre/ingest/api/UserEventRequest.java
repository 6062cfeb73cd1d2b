package dev.timbre.ingest.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A user's action: {@code type} is listened, liked, skipped or unliked; {@code timestamp} is optional,
 * ISO-8601 or epoch milliseconds (default: now).
 */
@Serdeable
public record UserEventRequest(@Nullable String songId, @Nullable String type, @Nullable Double listenedFraction,
                               @Nullable Object timestamp) {
}
