/**
 * A small, complete, synthetic serving pipeline of 500 candidates: what the platform's tests, the
 * JMH {@code PipelineBenchmark} and the HTTP load test run, and a worked example for modules.
 *
 * <p>Stages in run order: {@link dev.mlsd.core.toy.UserNeighbourhoodGenerator} (300 user-specific
 * items) and {@link dev.mlsd.core.toy.PopularItemsGenerator} (250 popular items), merged and
 * de-duplicated up to 500; {@link dev.mlsd.core.toy.SeenItemsFilter}; item features from a feature
 * store ({@link dev.mlsd.core.serving.StoreFeatureHydrator}, {@link
 * dev.mlsd.core.toy.ToyCatalog#ITEM_FEATURES}); {@link dev.mlsd.core.toy.LinearRanker} (a logistic
 * model behind a {@link dev.mlsd.core.serving.ModelHolder}); {@link
 * dev.mlsd.core.toy.CategoryDiversityReRanker}. The data are seeded and synthetic: this package
 * measures the platform, not a model.
 */
package dev.mlsd.core.toy;
