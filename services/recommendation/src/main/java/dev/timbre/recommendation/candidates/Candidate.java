package dev.timbre.recommendation.candidates;

/** A song found by a {@link CandidateIndex}, with its cosine similarity to the query. */
public record Candidate(String songId, double similarity) {
}
