package dev.mlsd.core.serving;

import dev.mlsd.core.featurestore.FeatureSchema;
import dev.mlsd.core.featurestore.FeatureStore;

/**
 * Hydrates the candidates' precomputed features from a {@link FeatureStore}: one batch read per
 * request (one MGET round trip on Redis) for every candidate id, straight into the feature matrix.
 * Missing candidates, and all of them when the store is down or over budget, get the schema's
 * defaults (counted by the store).
 *
 * <p>Thread safety: as thread-safe as the store (every store is).
 *
 * <p>Book: chapter 1, "Feature store"; chapter 8, "Serving" (ad features).
 *
 * @param <Q> the module's request type (unused: the features are per candidate)
 */
public final class StoreFeatureHydrator<Q> implements FeatureHydrator<Q> {
  private final FeatureStore store;
  private final FeatureSchema schema;

  /**
   * @param store where the features were materialised
   * @param schema the feature group to read per candidate id
   */
  public StoreFeatureHydrator(FeatureStore store, FeatureSchema schema) {
    if (store == null || schema == null) {
      throw new IllegalArgumentException("store and schema must not be null");
    }
    this.store = store;
    this.schema = schema;
  }

  @Override
  public int columns() {
    return schema.dim();
  }

  @Override
  public void hydrate(Q query, Candidates candidates, int firstColumn) {
    if (candidates.size() == 0) {
      return;
    }
    store.read(
        schema,
        candidates.ids(),
        candidates.size(),
        candidates.features(),
        firstColumn,
        candidates.featureDim());
  }
}
