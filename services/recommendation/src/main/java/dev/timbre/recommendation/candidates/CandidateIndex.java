package dev.timbre.recommendation.candidates;

import java.util.List;
import java.util.function.Predicate;

/**
 * Nearest-neighbour search over song embeddings by cosine similarity. Implementations are safe for
 * one writer (the global-store thread) and many concurrent readers (stream threads, HTTP threads).
 */
public interface CandidateIndex {

    /**
     * Adds or replaces the vector of a song, normalised. Implementations may keep an already unit-length array
     * as is: callers must not modify it afterwards.
     */
    void upsert(String songId, float[] vector);

    void remove(String songId);

    /**
     * The {@code k} songs most similar to {@code query} that pass {@code filter}, best first; ties
     * broken by songId so that results are deterministic.
     */
    List<Candidate> topK(float[] query, int k, Predicate<String> filter);

    int size();
}
