package dev.timbre.recommendation.api;

/** JSON body of every error answer. */
public record ApiError(String error, String message) {
}
