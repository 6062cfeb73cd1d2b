package dev.timbre.recommendation.topology;

import dev.timbre.schema.dlq.DeadLetter;
import dev.timbre.schema.recommendation.RecommendationList;

/** What handling one user event produces; the topology routes each kind to its topic. */
sealed interface Emission {

    /** The user's new top-N, for the {@code recommendations} topic. */
    record ListUpdate(RecommendationList list) implements Emission {
    }

    /** A rejected event, for {@code user.events.dlq}. */
    record Rejected(DeadLetter deadLetter) implements Emission {
    }

    /** A song gained (+1) or lost (−1) a like, re-keyed by song for the like counts. */
    record LikeDelta(String songId, long delta) implements Emission {
    }
}
