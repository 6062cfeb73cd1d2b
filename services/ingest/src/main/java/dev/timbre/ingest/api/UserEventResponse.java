package dev.timbre.ingest.api;

import io.micronaut.serde.annotation.Serdeable;

/** The accepted event's id, so a client can correlate it with the recommendations it triggers. */
@Serdeable
public record UserEventResponse(String eventId, String userId, String songId, String type, String timestamp) {
}
