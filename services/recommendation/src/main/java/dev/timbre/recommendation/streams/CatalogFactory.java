package dev.timbre.recommendation.streams;

import dev.timbre.recommendation.candidates.AdaptiveCandidateIndex;
import dev.timbre.recommendation.catalog.Catalog;
import dev.timbre.recommendation.config.RecommendationConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The instance's in-memory catalog, with candidate search switching to HNSW above the configured size. */
@Factory
class CatalogFactory {

    @Singleton
    Catalog catalog(RecommendationConfig config) {
        return new Catalog(config.getEmbeddingDimensions(),
                AdaptiveCandidateIndex.withHnsw(config.getEmbeddingDimensions(), config.getAnnThreshold(),
                        config.getAnnEf()), config.getNeighbourCache());
    }
}
