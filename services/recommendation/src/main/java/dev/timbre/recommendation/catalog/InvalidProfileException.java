package dev.timbre.recommendation.catalog;

/** A song profile that cannot enter the catalog; the message says why. */
public final class InvalidProfileException extends RuntimeException {
    public InvalidProfileException(String message) {
        super(message);
    }
}
