package dev.mlsd.core.toy;

import dev.mlsd.core.featurestore.FeatureStore;
import dev.mlsd.core.serving.ModelHolder;
import dev.mlsd.core.serving.ServingPipeline;
import dev.mlsd.core.serving.StoreFeatureHydrator;

/**
 * Declares the toy pipeline, stages in run order.
 *
 * <p>Thread safety: the built pipeline is thread-safe.
 */
public final class ToyPipeline {
  /** Candidates per request after merging. */
  public static final int CANDIDATES = 500;

  private ToyPipeline() {}

  /**
   * @param store where {@link ToyCatalog#materialize} wrote the item features
   * @param model the served weights
   */
  public static ServingPipeline<ToyRequest> build(FeatureStore store, ModelHolder<float[]> model) {
    return ServingPipeline.<ToyRequest>builder("toy")
        .candidateGenerator(new UserNeighbourhoodGenerator())
        .candidateGenerator(new PopularItemsGenerator())
        .filter(new SeenItemsFilter())
        .featureHydrator(new StoreFeatureHydrator<>(store, ToyCatalog.ITEM_FEATURES))
        .ranker(new LinearRanker(model))
        .reRanker(new CategoryDiversityReRanker(2))
        .maxCandidates(CANDIDATES)
        .build();
  }
}
