package dev.timbre.recommendation.streams;

import dev.timbre.recommendation.candidates.AdaptiveCandidateIndex;
import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.config.RecommendationConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The instance's in-memory catalog, with candidate search switching to HNSW above the configured size. */
@Factory
class CatalogFactory {

    /** A fixed size when {@code timbre.recommendation.embedding-dimensions} is set (> 0), else learned from the profiles. */
    @Singleton
    Catalog catalog(RecommendationConfig config) {
        if (config.embeddingDimensions() > 0) {
            return new Catalog(config.embeddingDimensions(),
                    AdaptiveCandidateIndex.withHnsw(config.embeddingDimensions(), config.annThreshold(),
                            config.annEf()), config.neighbourCache());
        }
        return Catalog.learning(d -> AdaptiveCandidateIndex.withHnsw(d, config.annThreshold(), config.annEf()),
                config.neighbourCache());
    }
}
