package dev.timbre.ingest.api;

import io.micronaut.serde.annotation.Serdeable;

/** The body of every 4xx/5xx ingest produces itself: a stable machine code and a sentence for humans. */
@Serdeable
public record ApiError(int status, String error, String message) {
}
