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
        if (config.getEmbeddingDimensions() > 0) {
            return new Catalog(config.getEmbeddingDimensions(),
                    AdaptiveCandidateIndex.withHnsw(config.getEmbeddingDimensions(), config.getAnnThreshold(),
                            config.getAnnEf()), config.getNeighbourCache());
        }
        return Catalog.learning(d -> AdaptiveCandidateIndex.withHnsw(d, config.getAnnThreshold(), config.getAnnEf()),
                config.getNeighbourCache());
    }
}
